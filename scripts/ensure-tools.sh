#!/usr/bin/env bash
# Makes sure the tools Cuboid needs are on this machine: ffmpeg and ffprobe (run time), and Chromium for the
# report.html browser tests (CUBOID_SKIP_CHROMIUM=1 leaves it out on a machine that only runs cuboid).
# As root with apt-get, it installs what is missing; otherwise it prints the exact command and exits 3.
set -euo pipefail

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
if [ "${CUBOID_SKIP_CHROMIUM:-0}" != "1" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
command -v dotnet >/dev/null 2>&1 || { echo "cuboid: the .NET 10 SDK is missing; see https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 3; }

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "cuboid: installing ${packages}with apt-get (one time)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $packages >/dev/null
else
  echo "cuboid: ${packages}is missing; install it with: sudo apt-get install -y ${packages}" >&2
  exit 3
fi
