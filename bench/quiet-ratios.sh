#!/usr/bin/env bash
# Wall and CPU time of `cuboid scenes`, `cuboid analyze --offline` and `cuboid drift` against a plain decode of the
# same file, the four run in interleaved rounds, medians and ratios at the end (docs/PERFORMANCE.md, "Analysis pass"
# and "Drift metrics": the goals are scenes <= 1.11x, analyze --offline <= 1.2x, drift <= 1.11x of the decode's wall
# time). Meant for a quiet machine: wall time means nothing while other processes compete for the cores, and CPU
# time (user + system of the command and all its ffmpeg/ffprobe children) is the steadier figure when they do.
#
#   bench/quiet-ratios.sh FILE [ROUNDS]        ROUNDS defaults to 5
#
# Builds the CLI in Release into a temporary folder first (set CUBOID_CLI to an already built Cuboid.Cli to skip
# that). Needs ffmpeg on PATH and GNU time at /usr/bin/time.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: bench/quiet-ratios.sh FILE [ROUNDS]   (FILE: a video; ROUNDS: 1 or more, default 5)" >&2
  exit 2
fi

file=$(realpath "$1")
rounds=${2:-5}
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "quiet-ratios: ROUNDS must be a whole number of at least 1, got '$rounds'" >&2
  exit 2
fi

if [[ ! -x /usr/bin/time ]]; then
  echo "quiet-ratios: GNU time (/usr/bin/time) is needed to read the CPU time of a process tree" >&2
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cli=${CUBOID_CLI:-}
if [[ -z "$cli" ]]; then
  repo=$(cd "$(dirname "$0")/.." && pwd)
  echo "building the CLI (Release) into $work/cli ..." >&2
  dotnet build "$repo/src/Cuboid.Cli" -c Release -o "$work/cli" -v quiet -nologo >&2
  cli="$work/cli/Cuboid.Cli"
fi

names=(decode scenes analyze drift)
run() {
  case "$1" in
    decode) ffmpeg -nostdin -v error -threads 2 -i "$file" -f null - ;;
    scenes) "$cli" scenes "$file" ;;
    analyze) rm -rf "$work/report"; "$cli" analyze "$file" --offline --out "$work/report" ;;
    drift) "$cli" drift "$file" ;;
  esac
}

export file cli work
export -f run

# One line per run: wall, user + system, load average at the start.
for ((r = 1; r <= rounds; r++)); do
  for name in "${names[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if ! /usr/bin/time -f "%e %U %S" -o "$work/time" bash -c 'run "$0"' "$name" >/dev/null 2>"$work/stderr"; then
      echo "quiet-ratios: '$name' failed:" >&2
      tail -5 "$work/stderr" >&2
      exit 1
    fi
    read -r wall user sys < <(tail -1 "$work/time")
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    echo "$wall $cpu" >>"$work/$name"
    printf 'round %d  %-8s wall %8.2f s  cpu %8.2f s  load %s\n' "$r" "$name" "$wall" "$cpu" "$load"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
decode_wall=$(cut -d' ' -f1 "$work/decode" | median)
decode_cpu=$(cut -d' ' -f2 "$work/decode" | median)
echo
echo "medians of $rounds rounds on $file (ratios to the plain decode, ffmpeg -threads 2 -i FILE -f null -)"
for name in "${names[@]}"; do
  wall=$(cut -d' ' -f1 "$work/$name" | median)
  cpu=$(cut -d' ' -f2 "$work/$name" | median)
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v dw="$decode_wall" -v dc="$decode_cpu" \
    'BEGIN { printf "%-8s wall %8.2f s  %5.3fx   cpu %8.2f s  %5.3fx\n", n, w, w / dw, c, c / dc }'
done
echo "goals (wall): scenes <= 1.11x, analyze <= 1.2x, drift <= 1.11x"
