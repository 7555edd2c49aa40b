#!/bin/sh
# Builds the sample project: make-sample.sh CAIRN_BINARY OUT.cairn SAMPLE_DIR
# A fresh project from SAMPLE_DIR/sample.json with the media embedded, so the one file can
# be copied anywhere. Fails on any error and leaves no half-built project behind.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 CAIRN_BINARY OUT.cairn SAMPLE_DIR" >&2
  exit 2
fi
cairn=$1
out=$2
dir=$3

rm -f "$out" "$out-wal" "$out-shm" "$out-journal"
if ! { "$cairn" init "$out" --name Sample \
       && "$cairn" import "$out" --format cairn --embed "$dir/sample.json"; }; then
  rm -f "$out" "$out-wal" "$out-shm" "$out-journal"
  exit 1
fi
