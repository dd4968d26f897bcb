# Shared by the bench/*-ratios.sh scripts: commands timed against a baseline in interleaved rounds, wall and CPU time
# (user + system of the process tree, from GNU time), medians at the end. Source it after `set -euo pipefail`, with
# RATIOS_NAME set to the script's name for its messages.

# The ROUNDS argument, checked: a whole number of at least 1.
ratios_rounds() {
  if ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
    echo "$RATIOS_NAME: ROUNDS must be a whole number of at least 1, got '$1'" >&2
    exit 2
  fi
  echo "$1"
}

ratios_require_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "$RATIOS_NAME: GNU time (/usr/bin/time) is needed to read the CPU time of a process tree" >&2
    exit 3
  fi
}

# Builds this checkout's CLI in Release into $1/cli and prints the path of its apphost.
ratios_build_cli() {
  local repo
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  echo "building the CLI (Release) into $1/cli ..." >&2
  dotnet build "$repo/src/Cuboid.Cli" -c Release -o "$1/cli" -v quiet -nologo >&2
  echo "$1/cli/Cuboid.Cli"
}

# Runs one timed command: ratios_time WORK ROUND NAME COMMAND...; appends "wall cpu" to WORK/NAME and prints the round's
# line with the load average at its start. A failing command ends the script with the end of its stderr.
ratios_time() {
  local work=$1 round=$2 name=$3 load wall user sys cpu
  shift 3
  load=$(cut -d' ' -f1 /proc/loadavg)
  if ! /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr"; then
    echo "$RATIOS_NAME: '$name' failed:" >&2
    tail -5 "$work/stderr" >&2
    exit 1
  fi
  read -r wall user sys < <(tail -1 "$work/time")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$wall $cpu" >>"$work/$name"
  printf 'round %d  %-10s wall %8.2f s  cpu %8.2f s  load %s\n' "$round" "$name" "$wall" "$cpu" "$load"
}

# The median of the numbers on stdin, one per line.
ratios_median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The medians of one name's rounds: ratios_medians WORK NAME prints "wall cpu".
ratios_medians() { echo "$(cut -d' ' -f1 "$1/$2" | ratios_median) $(cut -d' ' -f2 "$1/$2" | ratios_median)"; }
