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
RATIOS_NAME=quiet-ratios
source "$(dirname "$0")/lib/ratios.sh"

if [[ $# -lt 1 || $# -gt 2 || ! -f "$1" ]]; then
  echo "usage: bench/quiet-ratios.sh FILE [ROUNDS]   (FILE: a video; ROUNDS: 1 or more, default 5)" >&2
  exit 2
fi

file=$(realpath "$1")
rounds=$(ratios_rounds "${2:-5}")
ratios_require_time

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cli=${CUBOID_CLI:-}
if [[ -z "$cli" ]]; then
  cli=$(ratios_build_cli "$work")
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
    ratios_time "$work" "$r" "$name" bash -c 'run "$0"' "$name"
  done
done

read -r decode_wall decode_cpu < <(ratios_medians "$work" decode)
echo
echo "medians of $rounds rounds on $file (ratios to the plain decode, ffmpeg -threads 2 -i FILE -f null -)"
for name in "${names[@]}"; do
  read -r wall cpu < <(ratios_medians "$work" "$name")
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v dw="$decode_wall" -v dc="$decode_cpu" \
    'BEGIN { printf "%-8s wall %8.2f s  %5.3fx   cpu %8.2f s  %5.3fx\n", n, w, w / dw, c, c / dc }'
done
echo "goals (wall): scenes <= 1.11x, analyze <= 1.2x, drift <= 1.11x"
