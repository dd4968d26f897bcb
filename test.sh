#!/usr/bin/env bash
# Runs the whole test suite: installs ffmpeg if it is missing, builds everything, runs every test,
# and ends with one summary line ("tests: N passed, N failed, N skipped").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
scripts/ensure-tools.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Cuboid.slnx -c Release --blame-hang-timeout 10m "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S" line per test assembly.
read -r passed failed skipped < <(sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/p' "$log" |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
