#!/usr/bin/env bash
# Start-up cost of reportbot, measured in fresh processes (docs/BENCHMARKS.md):
#   1. `reportbot help` (process start) against `reportbot ask` of the built-in report, its
#      index already persisted in the data directory: goal ask ≤ 2 × help;
#   2. `reportbot serve` with 50 reports restored from the data directory, from exec to the
#      "serving" log line (library open, every report's index loaded): goal < 1 s.
# Usage: scripts/startup.sh [runs]   (default 20 runs of each one-shot command, in turn; medians)
# Needs only Go and a POSIX shell; writes under a temporary directory it removes.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/reportbot
go build -o "$bin" ./cmd/reportbot
export REPORTBOT_DATA_DIR=$tmp/data
unset OPENAI_API_KEY OPENAI_BASE_URL REPORTBOT_REPORT REPORTBOT_EMBED_MODEL

# Times are read from bash's $EPOCHREALTIME in microseconds, without a fork: a `date`
# process would add its own start-up, about a millisecond, to every time measured.
# median_ms TIMES…: the median of times in microseconds, in milliseconds.
median_ms() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1e3}'
}
# timed CMD…: runs CMD, output discarded, and sets $took to its wall time in microseconds.
timed() {
  local s=${EPOCHREALTIME/[.,]/}
  "$@" >/dev/null 2>&1 || true
  took=$(( ${EPOCHREALTIME/[.,]/} - s ))
}

q="今年失业率目标是多少"
"$bin" ask "$q" >/dev/null # builds and persists the built-in report's index
state() { find "$REPORTBOT_DATA_DIR" -type f -printf '%p %s %T@\n' | sort; }
before=$(state)
# help and ask run in turn, so that both see the same load of the machine.
helps=() asks=()
for _ in $(seq "$runs"); do
  timed "$bin" help
  helps+=("$took")
  timed "$bin" ask "$q"
  asks+=("$took")
done
help=$(median_ms "${helps[@]}")
ask=$(median_ms "${asks[@]}")
echo "help (process start):   $help ms (median of $runs)"
echo "ask (built-in report):  $ask ms (median of $runs), $(awk -v a="$ask" -v h="$help" 'BEGIN {printf "%.2f", a/h}') × help (goal ≤ 2)"
status=0
if [ "$(state)" != "$before" ]; then
  echo "FAIL: ask wrote to the data directory although nothing changed"; status=1
else
  echo "ask wrote nothing to the data directory"
fi

# 50 reports: the development and held-out reports, and copies of them with every sentence
# marked and the years written 3xxx (digits, full-width or 二〇…) (so each is a report of its own: the library replaces a
# report of the same government and year), loaded one by one through serve's REPORTBOT_REPORT.
rm -rf "$REPORTBOT_DATA_DIR"
mkdir -p "$tmp/reports"
srcs=()
for f in testdata/reports/*.txt testdata/heldout*/*.txt testdata/heldout*/*.md; do
  case $f in */README.md) ;; *) srcs+=("$f") ;; esac
done
for i in $(seq 0 49); do
  src=${srcs[$((i % ${#srcs[@]}))]}
  out=$tmp/reports/r$i.${src##*.}
  if [ "$i" -lt "${#srcs[@]}" ]; then
    cp "$src" "$out"
  else
    sed -e "s/。/。〔$i〕/g" -e "s/20\([0-9][0-9]\)/3\1/g" -e "s/二〇/三〇/g" -e "s/２０/３０/g" "$src" >"$out"
  fi
done
export SLACK_BOT_TOKEN=xoxb-startup-measure SLACK_SIGNING_SECRET=startup-measure REPORTBOT_ADDR=127.0.0.1:0
export SLACK_API_URL=http://127.0.0.1:9/ # nothing listens: serve stops right after "serving"
unset SLACK_APP_TOKEN
for f in "$tmp"/reports/*; do
  REPORTBOT_REPORT=$f "$bin" serve >/dev/null 2>&1 || true
done
# serve_ms: wall time from exec to serve's "serving" log line.
serve_ms() {
  local s line
  s=${EPOCHREALTIME/[.,]/}
  while IFS= read -r line; do
    case $line in *msg=serving*)
      echo $(( (${EPOCHREALTIME/[.,]/} - s) / 1000 ))
      break ;;
    esac
  done < <("$bin" serve 2>&1)
}
restored=$("$bin" serve 2>&1 | grep 'restored reports' | grep -o ' reports=[0-9]*' | grep -o '[0-9]*$' || true)
times=()
for _ in 1 2 3 4 5; do times+=("$(serve_ms)"); done
built=$("$bin" serve 2>&1 | grep -c 'msg="index built"' || true)
echo "serve, $restored reports restored: $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p) ms to \"serving\" (median of 5: ${times[*]}), $built indexes rebuilt (goal < 1000 ms)"
exit $status
