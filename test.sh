#!/usr/bin/env bash
# Runs the whole test suite: installs ffmpeg if it is missing, builds everything, runs every test project with a
# progress line as tests finish, and ends with one summary line ("tests: N passed, N failed, N skipped").
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Media").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
scripts/ensure-tools.sh
# The PostgreSQL tests (gateway stores, scale-out) get a throwaway local server unless one is named already.
CUBOID_TEST_POSTGRES="$(scripts/ensure-postgres.sh)"
export CUBOID_TEST_POSTGRES
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
counts=$(mktemp)
failures=$(mktemp)
trap 'rm -f "$log" "$counts" "$failures"' EXIT
started=$SECONDS
elapsed() { local s=$((SECONDS - started)); if [ "$s" -ge 60 ]; then echo "$((s / 60)) min $((s % 60)) s"; else echo "$s s"; fi; }

echo "test.sh: building (a first build takes a few minutes)..."
if ! dotnet build Cuboid.slnx -c Release --nologo -v q >"$log" 2>&1; then
  grep -E ": (error|warning) " "$log" | sort -u >&2 || cat "$log" >&2
  echo "test.sh: the build failed ($(elapsed))" >&2
  echo "tests: 0 passed, 0 failed, 0 skipped"
  exit 1
fi
echo "test.sh: built in $(elapsed)"

# Every project that says it is a test project, in a stable order.
mapfile -t projects < <(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | sort)
status=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  echo "test.sh: $name: running..."
  # The normal console logger names each test as it finishes; awk turns that into a progress line every 25 tests
  # (or 20 s, whichever comes first) and passes failures through (name, message, stack, and the first 40 lines of
  # the test's own output, which for a server test is mostly request logs).
  dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m --logger "console;verbosity=normal" "$@" 2>&1 |
    awk -v name="$name" -v counts="$counts" -v failures="$failures" '
      function now() { srand(); return srand() }
      function progress() { last = now(); printf "test.sh: %s: %d passed, %d failed, %d skipped (%d s)\n", name, p, f, s, last - start; fflush() }
      function tick() { if ((p + f + s) % 25 == 0 || now() - last >= 20) progress() }
      BEGIN { start = now(); last = start }
      /^  Passed /  { p++; showing = 0; tick(); next }
      /^  Skipped / { s++; showing = 0; tick(); next }
      /^  Failed /  { f++; showing = 1; output = 0; print; print name ":" substr($0, 10) >> failures; fflush(); next }
      showing && /^  [A-Z]/ && !/^  (Error Message|Stack Trace|Standard Output)/ { showing = 0 }
      showing && /^  Standard Output/ { output = 1 }
      showing && output && ++output > 42 { if (output == 43) print "  (the rest of this test'"'"'s output is left out)"; next }
      showing { print; fflush(); next }
      /error|Test Run Aborted|blame/ { print; fflush() }
      END { progress(); print p + 0, f + 0, s + 0 >> counts }
    ' || status=$?
done

# One "passed failed skipped" line per project, counted from the tests the logger named.
read -r passed failed skipped < <(awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}' "$counts")
echo "test.sh: ${#projects[@]} test project(s) in $(elapsed)"
# The failed tests again by name, last, where a CI page that shows only the tail still names them.
while IFS= read -r failure; do echo "test.sh: failed: $failure"; done <"$failures"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  exit 1
fi
exit "$status"
