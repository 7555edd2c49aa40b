#!/bin/sh
# Regenerates audio/: short clips spoken by espeak-ng, resampled to 16 kHz mono 16-bit by
# sox (no dither, so the bytes are the same every time). Needs espeak-ng and sox.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$here/audio"

# Two speakers, a male and a female voice, with a short pause between them.
espeak-ng -v en-us -s 150 -w "$tmp/a.wav" "Welcome to Cairn."
espeak-ng -v en-us+f3 -s 150 -w "$tmp/b.wav" "Let's label some data."
sox -D -n -r 22050 -c 1 -b 16 "$tmp/gap.wav" trim 0 0.3
sox -D -G "$tmp/a.wav" "$tmp/gap.wav" "$tmp/b.wav" -r 16000 -c 1 -b 16 "$here/audio/welcome-en.wav"

espeak-ng -v ko -s 140 -w "$tmp/k.wav" "안녕하세요. 케언 샘플 음성입니다."
sox -D -G "$tmp/k.wav" -r 16000 -c 1 -b 16 "$here/audio/hello-ko.wav"
ls -l "$here"/audio/*.wav
