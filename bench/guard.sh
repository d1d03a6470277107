#!/usr/bin/env bash
# The CI regression guard: runs the small variants of the benchmarks
# (bench/bench.sh small: a 64 MiB capture, 1 % of the scale and site
# evidence, the workbook of 100,000 gaps) and fails when a figure is more
# than 2x its value recorded in bench/guard.txt. CPU times are compared as
# ratios to the CPU time of a fixed reference workload run in the same job
# (bench/benchguard ref), peak RSS as it is; see bench/benchguard.
# Usage: bench/guard.sh [work-dir]          check against bench/guard.txt
#        bench/guard.sh record [work-dir]   print new recorded figures
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=check
if [ "${1:-}" = record ]; then
	MODE=record
	shift
fi
WORK=${1:-${TMPDIR:-/tmp}/slate-guard}
mkdir -p "$WORK"
bench/bench.sh small "$WORK" >"$WORK/bench.log" 2>&1 || {
	tail -40 "$WORK/bench.log"
	exit 1
}
sed -n '/^[0-9]*-[0-9]*-[0-9]*T.*figures in/,$p' "$WORK/bench.log"
if [ $MODE = record ]; then
	"$WORK/benchguard" record "$WORK/results.txt"
else
	"$WORK/benchguard" check bench/guard.txt "$WORK/results.txt"
fi
