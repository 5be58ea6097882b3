#!/usr/bin/env bash
# `scripts/bench jobs [RUNS] [run options]`: what --jobs buys on this machine. Plays the suite
# (libzmq by default) once with --jobs 1, then RUNS times (default 20) with --jobs N (default
# nproc), and says how much faster the parallel runs are and whether every run gave the verdicts
# of the serial one. Writes build/bench-jobs/results.md.
# Exit status: 0 identical verdicts, 1 some run differs, 2 a run could not complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-20}"
shift || true
jobs="${ZCONFORM_BENCH_JOBS:-$(nproc)}"
# One implementation (ZCONFORM_IMPL, default libzmq); this script sets --jobs itself.
impls=(--impl "${ZCONFORM_IMPL:-libzmq}")
agents=(zconform-agent-libzmq)
"$root/scripts/setup"
"$root/scripts/build" --target zconform "${agents[@]}"
out="$root/build/bench-jobs"
rm -rf "$out"
mkdir -p "$out"

# play NAME JOBS: one run into $out/NAME, its wall time in seconds on stdout.
play() {
  local start end status=0
  start=$(date +%s.%N)
  "$root/build/zconform" run "${impls[@]}" --quiet --jobs "$2" --out "$out/$1" "${@:3}" \
    >"$out/$1.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  if [[ $status -ge 2 ]]; then
    echo "$1: harness error (exit $status), see $out/$1.log" >&2
    exit 2
  fi
  /usr/bin/python3 -c '
import json, sys
for case in json.load(open(sys.argv[1]))["cases"]:
    print(case["id"], case["verdict"], case.get("baseline", {}).get("status", ""))
' "$out/$1/latest/report.json" >"$out/$1.verdicts"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

serial=$(play serial 1 "$@")
echo "--jobs 1: $serial s ($(wc -l <"$out/serial.verdicts") cases)"
differ=0
: >"$out/parallel-seconds"
for i in $(seq 1 "$runs"); do
  seconds=$(play "parallel-$i" "$jobs" "$@")
  echo "$seconds" >>"$out/parallel-seconds"
  same="identical"
  if ! diff -q "$out/serial.verdicts" "$out/parallel-$i.verdicts" >/dev/null; then
    same="DIFFERENT"
    differ=1
    diff "$out/serial.verdicts" "$out/parallel-$i.verdicts" | head -10
  fi
  echo "--jobs $jobs run $i: $seconds s, verdicts $same"
done
median=$(sort -n "$out/parallel-seconds" | awk '{t[NR]=$1} END {print t[int((NR+1)/2)]}')
speedup=$(awk -v s="$serial" -v p="$median" 'BEGIN { printf "%.2f", s / p }')
{
  echo "# --jobs on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "| run | wall time |"
  echo "|---|---:|"
  echo "| --jobs 1 | $serial s |"
  sort -n "$out/parallel-seconds" | awk -v j="$jobs" '{t[NR]=$1} END {printf "| --jobs %d, %d runs: min / median / max | %.2f / %.2f / %.2f s |\n", j, NR, t[1], t[int((NR+1)/2)], t[NR]}'
  echo
  echo "Speed-up (serial / median parallel): ${speedup}x. Verdicts of every parallel run identical to the serial run's: $([[ $differ -eq 0 ]] && echo yes || echo NO)."
} | tee "$out/results.md"
exit $differ
