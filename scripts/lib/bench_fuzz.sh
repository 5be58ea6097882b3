#!/usr/bin/env bash
# `scripts/bench fuzz`: the fuzzing targets' speed and depth, measured here rather than in timed
# tests. Each target runs alone on one core from its seeds for SECONDS (default 60) and its
# executions per second, edges and features are printed beside issue 13's floor for it; then
# libzmq_engine and libzmq_raw_stream run side by side (one core each) for COMPARE seconds
# (default 600) on the same instrumented libzmq, and the edges each reached are compared: those
# seen during the run, and those its final corpus reaches when replayed once. Neither target's
# own files are instrumented, so their edges are libzmq's alone.
#   scripts/bench fuzz [--seconds S] [--compare S] [TARGET...]
# Results: build/bench-fuzz/results.md (and each run's log beside it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=60
compare=600
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="${2:?}"; shift 2 ;;
    --compare) compare="${2:?}"; shift 2 ;;
    -*) echo "bench fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if ((${#targets[@]} == 0)); then
  for source in "$root"/fuzz/*_fuzzer.cpp; do targets+=("$(basename "$source" _fuzzer.cpp)"); done
fi
"$root/scripts/build-fuzz" "${targets[@]}" libzmq_engine libzmq_raw_stream >/dev/null
out="$root/build/bench-fuzz"
rm -rf "$out"
mkdir -p "$out"

# Issue 13's floors, in executions per second under ASan+UBSan on one core.
floor() {
  case "$1" in
    zmtp_stream | zmtp_frames) echo 100000 ;;
    libzmq_*_decoder) echo 50000 ;;
    libzmq_engine) echo 2000 ;;
    *) echo "" ;;
  esac
}

# Runs target $1 for $2 seconds from a copy of its seeds; its log is $out/$3.log.
run() {
  local name="$1" budget="$2" tag="$3"
  local corpus="$out/$tag.corpus"
  mkdir -p "$corpus"
  cp "$root/corpus/$name"/* "$corpus/" 2>/dev/null || true
  local dict=()
  [[ -f "$root/corpus/$name.dict" ]] && dict=("-dict=$root/corpus/$name.dict")
  "$root/build-fuzz/fuzz/${name}_fuzzer" "$corpus" "${dict[@]}" -max_total_time="$budget" \
    -print_final_stats=1 -close_fd_mask=3 -artifact_prefix="$out/$tag-" >"$out/$tag.log" 2>&1 || true
}

# The edges and features target $1 reaches replaying corpus $2 once: what the fuzzer kept, without
# the edges a run only saw by chance (libzmq's I/O thread takes timing-dependent paths, and a
# run of hundreds of thousands of connections collects them).
replayed() {
  "$root/build-fuzz/fuzz/${1}_fuzzer" "$2" -runs=0 -close_fd_mask=3 2>&1 |
    awk '/INITED cov:/ {for (i=1;i<=NF;i++) {if ($i=="cov:") cov=$(i+1); if ($i=="ft:") ft=$(i+1)}}
         END {print cov+0, ft+0}'
}

# "runs exec/s edges features" from a log.
numbers() {
  awk '/stat::number_of_executed_units/ {runs=$2} /stat::average_exec_per_sec/ {rate=$2}
       / cov: [0-9]+ ft: [0-9]+/ {for (i=1;i<=NF;i++) {if ($i=="cov:") cov=$(i+1); if ($i=="ft:") ft=$(i+1)}}
       /ERROR: |deadly signal/ {crash=1}
       END {print runs+0, rate+0, cov+0, ft+0, (crash ? "crashed" : "")}' "$1"
}

{
  echo "# Fuzzing bench ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ASan+UBSan, one core per target)"
  echo
  echo "| target | seconds | runs | exec/s | floor | edges | features | note |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$out/results.md"
for name in "${targets[@]}"; do
  echo "bench fuzz: $name for $seconds s" >&2
  run "$name" "$seconds" "$name"
  read -r runs rate cov ft crash < <(numbers "$out/$name.log")
  min=$(floor "$name")
  verdict=""
  [[ -n "$min" ]] && verdict=$( ((rate >= min)) && echo "meets the floor" || echo "BELOW the floor")
  echo "| $name | $seconds | $runs | $rate | ${min:--} | $cov | $ft | $verdict ${crash:-} |" >>"$out/results.md"
done

echo "bench fuzz: libzmq_engine and libzmq_raw_stream side by side for $compare s" >&2
run libzmq_engine "$compare" compare-engine &
run libzmq_raw_stream "$compare" compare-raw &
wait
read -r e_runs e_rate e_cov e_ft e_crash < <(numbers "$out/compare-engine.log")
read -r r_runs r_rate r_cov r_ft r_crash < <(numbers "$out/compare-raw.log")
read -r e_kept e_kept_ft < <(replayed libzmq_engine "$out/compare-engine.corpus")
read -r r_kept r_kept_ft < <(replayed libzmq_raw_stream "$out/compare-raw.corpus")
{
  echo
  echo "## libzmq's edges in $compare s: structure-aware engine target vs raw byte stream"
  echo
  echo "| target | runs | exec/s | libzmq edges seen | features | edges of the corpus replayed | features |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| libzmq_engine | $e_runs | $e_rate | $e_cov | $e_ft | $e_kept | $e_kept_ft |"
  echo "| libzmq_raw_stream | $r_runs | $r_rate | $r_cov | $r_ft | $r_kept | $r_kept_ft |"
  echo
  awk -v e="$e_cov" -v r="$r_cov" 'BEGIN {printf "Edge ratio engine/raw, seen during the runs: %.2f\n", (r ? e / r : 0)}'
  awk -v e="$e_kept" -v r="$r_kept" 'BEGIN {printf "Edge ratio engine/raw, of the corpora replayed: %.2f\n", (r ? e / r : 0)}'
} >>"$out/results.md"
cat "$out/results.md"
