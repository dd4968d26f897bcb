#!/usr/bin/env bash
# Makes samples/demo.mp4: a ~80 s mini-lecture "How video models see: space-time cuboids"
# (title slide, five content slides, three "demo footage" segments, closing slide) with spoken
# narration, built only from ffmpeg's synthetic sources, drawtext and espeak-ng. It is the demo
# every Cuboid feature is shown on, so its structure is ground truth: hard cuts between all
# segments except ONE fade (to black and back in, before the closing slide), one slide held >= 10 s
# (near-duplicate frames), and a silent footage segment. Also writes samples/demo.segments.json.
#
# Deterministic: the same ffmpeg/x264/espeak-ng versions give the same bytes (fixed seeds,
# single-threaded x264 because its rate control with frame threads is not reproducible, bitexact
# muxing). Usage: samples/make-demo.sh [output.mp4]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/demo.mp4}
out_dir=$(cd "$(dirname "$out")" && pwd)
out=$out_dir/$(basename "$out")
segments_json=${out%.mp4}.segments.json

font_dir=/usr/share/fonts/truetype/dejavu
font=$font_dir/DejaVuSans.ttf
font_bold=$font_dir/DejaVuSans-Bold.ttf
font_mono=$font_dir/DejaVuSansMono.ttf

fps=25
width=1280
height=720
audio_rate=44100
voice_rate=170 # espeak-ng words per minute

# --- tools -----------------------------------------------------------------------------------
missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
[ -f "$font" ] && [ -f "$font_bold" ] && [ -f "$font_mono" ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "make-demo: installing ${packages}with apt-get..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    echo "make-demo: ${packages}missing; install with: sudo apt-get install -y ${packages}" >&2
    exit 3
  fi
fi
case $(ffmpeg -hide_banner -filters 2>/dev/null) in *' drawtext '*) ;; *)
  echo "make-demo: this ffmpeg has no drawtext filter (needs libfreetype); install Debian's ffmpeg" >&2
  exit 3 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/make-demo.XXXXXX")
partial=""
cleanup() { rm -rf "$work"; [ -z "$partial" ] || rm -f "$partial"; }
trap cleanup EXIT

# --- the talk ----------------------------------------------------------------------------------
# One row per segment. kind: title|slide|footage|closing. Bullets are separated by '|'.
# say: narration (what espeak-ng speaks; it says what the slide shows). min: shortest length in s.
kinds=() titles=() bullets=() says=() mins=() themes=()
add() { kinds+=("$1"); themes+=("$2"); mins+=("$3"); titles+=("$4"); bullets+=("$5"); says+=("$6"); }

add title   night 6 "How video models see" \
  "Space-time cuboids|A one-minute talk from the Cuboid project" \
  "How video models see: space-time cuboids. A one minute talk."
add slide   sand 6 "A video is a stack of frames" \
  "25 or more frames every second|Neighbouring frames are nearly identical|Models should not pay for every pixel" \
  "A video is a stack of frames, twenty five or more every second. Neighbouring frames are nearly identical, so models should not pay for every pixel."
add footage screen 6 "Demo: a screen recording" \
  "cuboid - frame viewer" \
  "A short screen recording: very little changes from frame to frame."
add slide   violet 6 "From patches to cuboids" \
  "Cut each frame into 16 x 16 pixel patches|Stack 4 frames of patches into a cuboid|Each cuboid becomes one token" \
  "From patches to cuboids. Cut frames into sixteen pixel patches, stack four frames, and each cuboid becomes one token."
add footage life 6 "Demo: motion energy" \
  "Only the cells that change carry new information" \
  ""
add slide   teal 12 "Counting tokens" \
  "A 720p frame: 3,600 patches|One second of video: about 22,000 tokens|A short text prompt is tiny by comparison" \
  "Counting tokens. A seven twenty p frame has thirty six hundred patches. One second of video is about twenty two thousand tokens, and a short text prompt is tiny by comparison."
add footage fractal 6 "Demo: generating a zoom" \
  "Generation runs the other way, and long clips drift" \
  "Generation runs the other way, and long clips drift."
add slide   paper 6 "Compute grows fast" \
  "Text decoding is memory bound|Video diffusion is compute bound" \
  "Compute grows fast: text decoding is memory bound, video diffusion is compute bound."
add slide   slate 6 "Understanding video cheaply" \
  "Sample a frame every 5 seconds|Skip near-duplicate frames|Caption with a small model|Summarise with a strong model" \
  "Understanding video cheaply: sample a frame every five seconds, skip near duplicates, caption with a small model, and summarise with a strong one."
add closing night 6 "Thank you" \
  "See less, understand more.|Made with ffmpeg and espeak-ng: samples/make-demo.sh" \
  "Thank you for watching. See less, understand more."

count=${#kinds[@]}
fade_index=$((count - 1)) # the one fade: out at the end of the segment before it, in at its start
fade_seconds=1
content_total=0
for kind in "${kinds[@]}"; do [ "$kind" = slide ] && content_total=$((content_total + 1)); done

# theme -> "background_from background_to text accent muted"
theme() {
  case $1 in
    night)  echo "0x0f2027 0x2c5364 0xffffff 0xffd166 0xb8c7d1" ;;
    sand)   echo "0xfdf6e3 0xe9dcc0 0x3b3024 0x2a7fb8 0x6b5d4b" ;;
    violet) echo "0x2b1055 0x6a5fc1 0xffffff 0xffcf70 0xcfc6ee" ;;
    teal)   echo "0x08332f 0x1d7466 0xffffff 0xffd166 0xbfe0da" ;;
    paper)  echo "0xf5f7fa 0xc3cfe2 0x1b2a41 0xc0392b 0x4a5a70" ;;
    slate)  echo "0x1f2124 0x4a4d52 0xffffff 0xff9f43 0xc9ccd1" ;;
    screen) echo "0x1c1f26 0x2d3340 0xffffff 0xffffff 0xd0d3d8" ;;
    life | fractal) echo "0x000000 0x000000 0xffffff 0xffffff 0xffffff" ;;
    *) echo "make-demo: unknown theme $1" >&2; exit 1 ;;
  esac
}

# Writes TEXT to a file named by its hash and prints a drawtext filter showing it (a textfile
# needs no filtergraph escaping; the hash keeps names unique even though callers use $(...)).
drawtext() { # drawtext TEXT FONT SIZE COLOR X Y [extra]
  local file
  file=$work/text-$(printf '%s' "$1" | md5sum | cut -c1-16).txt
  printf '%s' "$1" >"$file"
  printf "drawtext=fontfile=%s:textfile=%s:expansion=none:fontsize=%s:fontcolor=%s:x=%s:y=%s%s" \
    "$2" "$file" "$3" "$4" "$5" "$6" "${7:-}"
}

channel() { # channel FROM TO SHIFT: a geq expression blending one 8-bit channel along the diagonal
  printf "%d+(%d-%d)*(X+Y)/(W+H)" $((($1 >> $3) & 255)) $((($2 >> $3) & 255)) $((($1 >> $3) & 255))
}
gradient() { # gradient FROM TO: a diagonal gradient background, top-left to bottom-right
  local a=$(($1)) b=$(($2))
  printf "color=c=black:s=%dx%d:r=%d,format=rgb24,geq=r='%s':g='%s':b='%s'" \
    "$width" "$height" "$fps" "$(channel $a $b 16)" "$(channel $a $b 8)" "$(channel $a $b 0)"
}

# --- narration: speak each segment and size it to fit ---------------------------------------
lead=0.4  # silence before the voice starts
tail=0.8  # silence after it ends, so sections are separated by quiet
durations=() starts=() speeches=()
t=0
for ((i = 0; i < count; i++)); do
  speech=0
  if [ -n "${says[$i]}" ]; then
    espeak-ng -w "$work/voice$i.wav" -s "$voice_rate" -v en "${says[$i]}"
    speech=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/voice$i.wav")
  fi
  extra_tail=0
  [ $((i + 1)) -eq "$fade_index" ] && extra_tail=$fade_seconds # keep the fade-out silent
  d=$(awk -v s="$speech" -v l="$lead" -v t="$tail" -v e="$extra_tail" -v m="${mins[$i]}" \
    'BEGIN { x = s > 0 ? s + l + t + e : 0; c = int(x); if (c < x) c++; if (c < m) c = m; print c }')
  durations+=("$d")
  starts+=("$t")
  speeches+=("$speech")
  t=$((t + d))
done
total=$t

# --- stills: slides and the screen-recording frame ---------------------------------------------
slide_n=0
for ((i = 0; i < count; i++)); do
  read -r bg0 bg1 fg accent muted <<<"$(theme "${themes[$i]}")"
  IFS='|' read -r -a lines <<<"${bullets[$i]}"
  f=""
  case ${kinds[$i]} in
    title | closing)
      # a small stack of frames as the talk's logo: three offset squares
      f+="drawbox=x=560:y=90:w=120:h=120:color=$accent@0.35:t=4,"
      f+="drawbox=x=580:y=110:w=120:h=120:color=$accent@0.6:t=4,"
      f+="drawbox=x=600:y=130:w=120:h=120:color=$accent:t=4,"
      f+="$(drawtext "${titles[$i]}" "$font_bold" 76 "$fg" "(w-text_w)/2" 300),"
      f+="$(drawtext "${lines[0]}" "$font" 46 "$accent" "(w-text_w)/2" 410),"
      f+="drawbox=x=490:y=490:w=300:h=3:color=$muted:t=fill,"
      f+="$(drawtext "${lines[1]}" "$font" 28 "$muted" "(w-text_w)/2" 530)"
      ;;
    slide)
      slide_n=$((slide_n + 1))
      f+="$(drawtext "${titles[$i]}" "$font_bold" 58 "$fg" 100 90),"
      f+="drawbox=x=100:y=172:w=140:h=6:color=$accent:t=fill,"
      y=250
      for line in "${lines[@]}"; do
        f+="drawbox=x=106:y=$((y + 14)):w=16:h=16:color=$accent:t=fill,"
        f+="$(drawtext "$line" "$font" 40 "$fg" 146 "$y"),"
        y=$((y + 86))
      done
      f+="drawbox=x=100:y=640:w=1080:h=1:color=$muted:t=fill,"
      f+="$(drawtext "How video models see - space-time cuboids" "$font" 22 "$muted" 100 656),"
      f+="$(drawtext "$slide_n / $content_total" "$font" 22 "$muted" "1180-text_w" 656)"
      ;;
    footage)
      [ "${themes[$i]}" = screen ] || continue
      # a desktop with one application window; the recording is overlaid into it later
      f+="drawbox=x=156:y=76:w=968:h=592:color=0x000000@0.45:t=fill,"
      f+="drawbox=x=160:y=80:w=960:h=40:color=0x3a3d44:t=fill,"
      f+="drawbox=x=176:y=93:w=14:h=14:color=0xff5f57:t=fill,"
      f+="drawbox=x=198:y=93:w=14:h=14:color=0xfebc2e:t=fill,"
      f+="drawbox=x=220:y=93:w=14:h=14:color=0x28c840:t=fill,"
      f+="$(drawtext "${lines[0]}" "$font" 20 "$muted" "(w-text_w)/2" 90),"
      f+="$(drawtext "${titles[$i]}" "$font_bold" 26 "$fg" 160 28),"
      # inside it: a list of samples on the left, a player on the right, a timeline below
      f+="drawbox=x=160:y=120:w=960:h=540:color=0x181a1f:t=fill,"
      f+="drawbox=x=160:y=120:w=250:h=540:color=0x23262d:t=fill,"
      f+="$(drawtext "SAMPLES" "$font_bold" 18 0x8a93a3 180 140),"
      y=180
      for row in "00:00  first frame" "00:05  interval" "00:10  interval" "00:12  after cut" \
        "00:15  interval" "00:20  interval"; do
        f+="$(drawtext "$row" "$font_mono" 18 0xd0d3d8 180 "$y"),"
        y=$((y + 38))
      done
      f+="drawbox=x=170:y=$((180 + 3 * 38 - 8)):w=230:h=34:color=0x4a90e2@0.35:t=fill,"
      f+="drawbox=x=440:y=140:w=640:h=360:color=0x000000:t=fill,"
      f+="$(drawtext "timeline" "$font" 16 0x8a93a3 440 530),"
      f+="drawbox=x=440:y=580:w=640:h=6:color=0x3a3d44:t=fill,"
      for tick in 0 160 320 384 480 640; do # the samples, at 640 px per 20 s
        f+="drawbox=x=$((440 + tick - 2)):y=566:w=4:h=34:color=0x4a90e2:t=fill,"
      done
      f+="$(drawtext "00:00" "$font_mono" 14 0x8a93a3 440 612),"
      f+="$(drawtext "00:20" "$font_mono" 14 0x8a93a3 "1080-text_w" 612)"
      ;;
  esac
  ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i "$(gradient "$bg0" "$bg1"),$f" \
    -frames:v 1 -y "$work/still$i.png"
done

# --- the edit: one filter graph, one encode ----------------------------------------------------
inputs=()
input_n=0
graph=""
concat_in=""
for ((i = 0; i < count; i++)); do
  d=${durations[$i]}
  frames=$((d * fps))
  v="[v$i]"
  case ${kinds[$i]}:${themes[$i]} in
    footage:screen)
      inputs+=(-loop 1 -framerate "$fps" -i "$work/still$i.png")
      k=$((input_n++))
      graph+="testsrc2=s=320x180:r=$fps,scale=640:360:flags=neighbor[src$i];"
      graph+="color=c=0xffffff:s=4x44:r=${fps}[head$i];"
      graph+="[$k:v][src$i]overlay=440:140[win$i];[win$i][head$i]overlay=x='438+640*t/$d':y=561,"
      ;;
    footage:life)
      IFS='|' read -r -a lines <<<"${bullets[$i]}"
      graph+="life=s=160x90:r=$fps:seed=42:ratio=0.35:mold=0:life_color=0x7fe0ff:death_color=0x10202c,"
      graph+="scale=${width}:${height}:flags=neighbor,"
      graph+="$(drawtext "${titles[$i]}" "$font_bold" 30 white 40 30 ":box=1:boxcolor=black@0.6:boxborderw=12"),"
      graph+="$(drawtext "${lines[0]}" "$font" 26 white 40 "h-70" ":box=1:boxcolor=black@0.6:boxborderw=10"),"
      ;;
    footage:fractal)
      IFS='|' read -r -a lines <<<"${bullets[$i]}"
      # Rendered in a process of its own: inside a larger graph the mandelbrot source reads
      # recycled frame buffers and is not reproducible from run to run.
      ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i "mandelbrot=s=640x360:r=$fps:maxiter=300:\
start_x=-0.743643887037151:start_y=0.131825904205330:start_scale=1.5:end_scale=0.15:end_pts=$frames" \
        -frames:v "$frames" -c:v ffv1 -y "$work/fractal$i.mkv"
      inputs+=(-i "$work/fractal$i.mkv")
      k=$((input_n++))
      graph+="[$k:v]scale=${width}:${height}:flags=bicubic,"
      graph+="$(drawtext "${titles[$i]}" "$font_bold" 30 white 40 30 ":box=1:boxcolor=black@0.6:boxborderw=12"),"
      graph+="$(drawtext "${lines[0]}" "$font" 26 white 40 "h-70" ":box=1:boxcolor=black@0.6:boxborderw=10"),"
      ;;
    *)
      inputs+=(-loop 1 -framerate "$fps" -i "$work/still$i.png")
      k=$((input_n++))
      graph+="[$k:v]"
      ;;
  esac
  graph+="trim=end_frame=$frames,setpts=PTS-STARTPTS,fps=$fps,format=yuv420p,setsar=1"
  [ $((i + 1)) -eq "$fade_index" ] && graph+=",fade=t=out:st=$((d - fade_seconds)):d=$fade_seconds"
  [ "$i" -eq "$fade_index" ] && graph+=",fade=t=in:st=0:d=$fade_seconds"
  graph+="$v;"
  # narration: lead-in silence, the voice, then silence to the exact segment length
  samples=$((d * audio_rate))
  if [ -n "${says[$i]}" ]; then
    graph+="amovie=$work/voice$i.wav,aresample=$audio_rate,aformat=channel_layouts=mono,volume=0.7,"
    graph+="adelay=delays=$(awk -v l="$lead" 'BEGIN { print l * 1000 }'):all=1,apad=whole_len=$samples,atrim=end_sample=$samples,asetpts=N/SR/TB[a$i];"
  else
    graph+="anullsrc=r=$audio_rate:cl=mono,atrim=end_sample=$samples,asetpts=N/SR/TB[a$i];"
  fi
  concat_in+="${v}[a$i]"
done
graph+="${concat_in}concat=n=$count:v=1:a=1[outv][outa]"

mkdir -p "$out_dir"
partial=$out_dir/.$(basename "$out").partial
ffmpeg -nostdin -hide_banner -loglevel error -y "${inputs[@]}" -filter_complex "$graph" \
  -map '[outv]' -map '[outa]' \
  -c:v libx264 -preset slow -crf 24 -maxrate 900k -bufsize 1800k -g 250 -threads 1 \
  -pix_fmt yuv420p -profile:v high -r "$fps" \
  -c:a aac -b:a 40k -ac 1 -ar "$audio_rate" \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  -movflags +faststart -f mp4 "$partial"

# --- ground truth ------------------------------------------------------------------------------
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
json_partial=$segments_json.partial
{
  echo "["
  for ((i = 0; i < count; i++)); do
    s=${starts[$i]} d=${durations[$i]}
    case ${kinds[$i]} in footage) kind=footage ;; *) kind=slide ;; esac
    if [ "$i" -eq 0 ]; then transition="start"; elif [ "$i" -eq "$fade_index" ]; then transition="fade"; else transition="cut"; fi
    sep=","; [ $((i + 1)) -eq "$count" ] && sep=""
    # where the spoken clip sits (espeak-ng's own few ms of padding included); null when silent
    voice=$(awk -v s="$s" -v l="$lead" -v v="${speeches[$i]}" \
      'BEGIN { if (v > 0) printf "%.3f, \"voiceEnd\": %.3f", s + l, s + l + v; else printf "null, \"voiceEnd\": null" }')
    printf '  {"start": %d, "end": %d, "startFrame": %d, "endFrame": %d, "kind": "%s", "title": "%s", "transitionIn": "%s", "narration": "%s", "voiceStart": %s}%s\n' \
      "$s" "$((s + d))" "$((s * fps))" "$((s * fps + d * fps))" "$kind" "$(json_escape "${titles[$i]}")" \
      "$transition" "$(json_escape "${says[$i]}")" "$voice" "$sep"
  done
  echo "]"
} >"$json_partial"

mv -f "$partial" "$out"
partial=""
mv -f "$json_partial" "$segments_json"

size=$(stat -c %s "$out")
echo "make-demo: wrote $out (${total} s, $((total * fps)) frames, $size bytes) and $segments_json"
for ((i = 0; i < count; i++)); do
  printf '  %5.1f-%5.1f s  frames %4d-%4d  %-8s %s\n' "${starts[$i]}" "$((starts[i] + durations[i]))" \
    "$((starts[i] * fps))" "$(((starts[i] + durations[i]) * fps - 1))" "${kinds[$i]}" "${titles[$i]}"
done
