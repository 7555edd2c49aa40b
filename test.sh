#!/bin/sh
# Runs every test: unit, CLI, store, formats, UI (under Xvfb) and a short fuzz pass, all with
# AddressSanitizer and UBSan. Ends with "N passed, N failed"; exits non-zero on any failure.
set -u
cd "$(dirname "$0")"
sh tools/setup.sh || exit 1

status=0
if [ ! -d build-test ]; then
  meson setup build-test -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
ninja -C build-test || exit 1
meson test -C build-test --print-errorlogs --num-processes 2 || status=1
logs="build-test/meson-logs/testlog.json"

# The fuzz pass needs clang's libFuzzer; its results count like any other test.
if command -v clang >/dev/null 2>&1; then
  if [ ! -d build-fuzz ]; then
    CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
      -Db_lundef=false -Dwerror=false || exit 1
  fi
  ninja -C build-fuzz || exit 1
  meson test -C build-fuzz --suite fuzz --print-errorlogs || status=1
  logs="$logs build-fuzz/meson-logs/testlog.json"
fi

python3 - $logs <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        result = json.loads(line)["result"]
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
PY
[ $? -eq 0 ] || status=1
exit $status
