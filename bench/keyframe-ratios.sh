#!/usr/bin/env bash
# Wall and CPU time of `cuboid keyframes FILE --out DIR` against a bare keyframe-only decode of the same file
# (`ffmpeg -skip_frame nokey -i FILE -f null -`, one process), in interleaved rounds, medians and real-time speeds at
# the end (docs/PERFORMANCE.md, "Keyframe preview": the goal is at least 100x real time). With more than one CLI, each
# is run in every round and their thumbnails are compared with the first one's: the same names, and where the bytes
# differ, the lowest PSNR of any pair (first round).
#
#   bench/keyframe-ratios.sh FILE [ROUNDS] [CLI ...]      ROUNDS defaults to 3
#
# CLI: a built Cuboid.Cli (apphost); a CLI may be given as LABEL=PATH, and as LABEL=PATH@VAR=VALUE to run it with one
# environment variable set. Without any, the CLI of this checkout is built in Release into a temporary folder.
# Meant for a quiet machine: wall time means nothing while other processes compete for the cores; CPU time (user +
# system of the command and all its ffmpeg/ffprobe children) is the steadier figure when they do. Needs ffmpeg,
# ffprobe and GNU time at /usr/bin/time.
set -euo pipefail
RATIOS_NAME=keyframe-ratios
source "$(dirname "$0")/lib/ratios.sh"

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: bench/keyframe-ratios.sh FILE [ROUNDS] [CLI ...]" >&2
  exit 2
fi

file=$(realpath "$1")
rounds=$(ratios_rounds "${2:-3}")
shift $(($# >= 2 ? 2 : 1))
ratios_require_time

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

clis=("$@")
if [[ ${#clis[@]} -eq 0 ]]; then
  clis=("cuboid=$(ratios_build_cli "$work")")
fi

names=(bare)
declare -A path env differ
for spec in "${clis[@]}"; do
  label=${spec%%=*}
  [[ "$label" == "$spec" ]] && label=cuboid${#names[@]}
  rest=${spec#*=}
  path[$label]=${rest%%@*}
  env[$label]=""
  [[ "$rest" == *@* ]] && env[$label]=${rest#*@}
  names+=("$label")
done

seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$file")

for ((r = 1; r <= rounds; r++)); do
  for name in "${names[@]}"; do
    rm -rf "$work/out-$name"
    if [[ "$name" == bare ]]; then
      command=(ffmpeg -nostdin -v error -skip_frame nokey -i "$file" -f null -)
    else
      command=(env ${env[$name]} "${path[$name]}" keyframes "$file" --out "$work/out-$name")
    fi
    ratios_time "$work" "$r" "$name" "${command[@]}"
  done
  for name in "${names[@]:2}"; do
    if ! diff -q <(ls "$work/out-${names[1]}") <(ls "$work/out-$name") >/dev/null; then
      echo "keyframe-ratios: '$name' wrote other thumbnails (names) than '${names[1]}'" >&2
      exit 1
    fi
    # Same keyframes; where the pixels differ (a change meant to alter them), say by how much: the lowest PSNR.
    if [[ $r -eq 1 ]] && ! diff -rq "$work/out-${names[1]}" "$work/out-$name" >/dev/null; then
      lowest=$(for f in "$work/out-${names[1]}"/*; do
        ffmpeg -nostdin -v info -i "$f" -i "$work/out-$name/$(basename "$f")" -lavfi psnr -f null - 2>&1 |
          sed -n 's/.*PSNR.* average:\([0-9.inf]*\).*/\1/p'
      done | sort -g | head -1)
      differ[$name]="lowest PSNR $lowest dB"
    fi
  done
done

read -r bare_wall bare_cpu < <(ratios_medians "$work" bare)
echo
echo "medians of $rounds rounds on $file ($seconds s; $(ls "$work/out-${names[1]}" | wc -l) thumbnails, the same keyframes across CLIs)"
for name in "${!differ[@]}"; do
  echo "pixels of '$name' differ from '${names[1]}': ${differ[$name]}"
done
for name in "${names[@]}"; do
  read -r wall cpu < <(ratios_medians "$work" "$name")
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v bw="$bare_wall" -v bc="$bare_cpu" -v s="$seconds" \
    'BEGIN { printf "%-10s wall %7.2f s  %5.3fx  %6.1fx real time   cpu %7.2f s  %5.3fx\n", n, w, w / bw, s / w, c, c / bc }'
done
echo "goal: cuboid keyframes at least 100x real time (wall)"
