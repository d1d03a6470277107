#!/usr/bin/env bash
# Policy evaluation at scale: every built-in check over a generated site of
# 100,000 assets, 1,000,000 flows, 1,000 device configurations and 3,000
# identities (engine BenchmarkScale, run once). Prints the benchmark's own
# report (wall time, phase split, slowest checks, peak RSS during
# evaluation) and, under GNU time, the whole process's wall time, CPU time
# and peak RSS (which include generating the evidence).
# Usage: bench/scale.sh [small|medium|full] [work-dir] (1%, 10% or all of
# that evidence; full needs about 5 GB of memory with generation, see
# docs/performance.md).
# The benchmark runs under the memory limit slate itself sets
# (internal/memlimit: the collector's headroom above a live heap of more
# than 1 GiB is 1 GiB or 35 % of it, not all of it) unless GOGC or
# GOMEMLIMIT is set, as for slate.
# Needs Go; GNU time (/usr/bin/time) is used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-full} in
small) PATTERN='BenchmarkScale/assets=1000,' ;;
medium) PATTERN='BenchmarkScale/assets=10000,' ;;
full) PATTERN='BenchmarkScale/assets=100000,' ;;
*)
	echo "usage: bench/scale.sh [small|medium|full] [work-dir]" >&2
	exit 2
	;;
esac
WORK=${2:-${TMPDIR:-/tmp}/slate-bench}
mkdir -p "$WORK"

go test -c -o "$WORK/engine.test" ./engine
CMD=("$WORK/engine.test" -test.run '^$' -test.bench "$PATTERN" -test.benchtime 1x -test.v)
echo "GOMAXPROCS=${GOMAXPROCS:-$(nproc)} GOGC=${GOGC:-} GOMEMLIMIT=${GOMEMLIMIT:-} $(go version)"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v "${CMD[@]}" >"$WORK/scale.out" 2>"$WORK/scale.time"
	grep -E 'Benchmark|scale_bench_test' "$WORK/scale.out"
	wall=$(grep 'Elapsed (wall clock)' "$WORK/scale.time" | awk '{print $NF}')
	rss=$(grep 'Maximum resident set size' "$WORK/scale.time" | awk '{print $NF}')
	cpu=$(awk -F: '/User time|System time/ { s += $2 } END { print s }' "$WORK/scale.time")
	echo "whole process (generation included): wall $wall, cpu ${cpu} s, peak RSS $((rss / 1024)) MB"
else
	"${CMD[@]}" | tee "$WORK/scale.out" | grep -E 'Benchmark|scale_bench_test'
fi
