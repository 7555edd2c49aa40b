# What the window tests driven with xdotool share (sourced, not run): TAP output, the project
# file's answers, screenshots, and the app's end. The script sets dir, project and shots first.
app_pid=""
n=0
failed=0

cleanup () {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null
  [ -n "${CAIRN_TEST_KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

q () {
  sqlite3 "$project" "$1"
}

# Waits up to 10 s for a query to give the expected answer (the app writes as it goes).
expect () {
  want=$1 sql=$2 what=$3
  for _ in $(seq 1 100); do
    got=$(q "$sql" 2>/dev/null)
    [ "$got" = "$want" ] && { ok 0 "$what"; return; }
    sleep 0.1
  done
  echo "# $what: wanted '$want', got '$got'"
  ok 1 "$what"
}

shot () {
  [ -n "$shots" ] && import -window root "$shots/$1.png"
}

# The whole test is skipped, in TAP, when a tool it drives with is missing.
need_tools () {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
}

# SIGKILL, as a crash or a power cut would.
kill_app () {
  kill -9 "$app_pid"
  wait "$app_pid" 2>/dev/null
  app_pid=""
}
