#!/usr/bin/env bash
# Makes a "camera-like" 1080p25 H.264 file for the keyframe preview figures (docs/PERFORMANCE.md, "Keyframe
# preview"): real texture and motion (a slowly panning testsrc2 under a drifting, growing Game-of-Life layer) with
# fresh temporal grain on every frame (noise=alls=18:allf=t+u), so every I-frame is large, as in camera footage.
# Encoded like the held-out file: x264 High with 3 B-frames, a keyframe every 57 frames (2.28 s at 25 fps,
# 270 keyframes in 10 minutes), 8.6 Mbit/s.
#
#   bench/make-camera-like-1080p.sh OUT.mp4 [SECONDS]      SECONDS defaults to 600 (10 minutes)
#
# The whole length is encoded in one pass (no copies concatenated), so every GOP is a full 57 frames long.
# Encoding 10 minutes takes several minutes on two cores. Needs ffmpeg with libx264 on PATH.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bench/make-camera-like-1080p.sh OUT.mp4 [SECONDS]" >&2
  exit 2
fi

out=$1
seconds=${2:-600}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "make-camera-like-1080p: SECONDS must be a whole number of at least 1, got '$seconds'" >&2
  exit 2
fi

ffmpeg -nostdin -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=s=2400x1350:r=25:d=$seconds" \
  -f lavfi -i "life=s=480x270:r=25:ratio=0.3:mold=8:life_color=#d8c090:death_color=#102030:mold_color=#406080,scale=960:540:flags=bilinear" \
  -filter_complex "[0:v]crop=1920:1080:x='240+240*sin(t/3)':y='135+135*cos(t/4)'[pan];\
[pan][1:v]overlay=x='480+420*sin(t/7)':y='270+230*cos(t/5)':shortest=1,noise=alls=18:allf=t+u,format=yuv420p[v]" \
  -map "[v]" -t "$seconds" \
  -c:v libx264 -profile:v high -bf 3 -g 57 -keyint_min 57 -sc_threshold 0 \
  -b:v 8.6M -maxrate 9M -bufsize 17M -preset veryfast \
  -movflags +faststart "$out"
