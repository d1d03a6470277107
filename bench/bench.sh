#!/usr/bin/env bash
# The issue-25 figures in one table (`make bench`): one capture against
# tshark (bench/pcap.sh), evaluation at scale (bench/scale.sh), the whole
# site from files (bench/site.sh) and the workbook of 100,000 gaps
# (reports/xlsx BenchmarkManyGaps, median of 3; one at small), with the reference
# workload of the CI guard (bench/benchguard ref) timed before and after.
# Every figure is written as a RESULT line to WORK/results.txt; the table
# marks the targets, which hold at the full size only.
# Usage: bench/bench.sh [small|full] [work-dir]
#   small: a 64 MiB capture, 1 % of the scale and site evidence (a few minutes)
#   full:  a 1 GiB capture, all of it (about half an hour, 8 GB of memory)
# Needs Go, GNU time and tshark (bench/pcap.sh installs both when absent).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-small}
WORK=${2:-${TMPDIR:-/tmp}/slate-bench-$SIZE}
case $SIZE in
small) CAPTURE=67108864 WORKBOOKS=1 ;;
full) CAPTURE=1073741824 WORKBOOKS=3 ;;
*)
	echo "usage: bench/bench.sh [small|full] [work-dir]" >&2
	exit 2
	;;
esac
mkdir -p "$WORK"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
go build -o "$WORK/benchguard" ./bench/benchguard
ref() { "$WORK/benchguard" ref | tee -a "$WORK/ref.txt"; }
: >"$WORK/ref.txt"
ref

secs() { awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else if (NF == 2) print $1*60+$2; else print $1 }'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== one capture against tshark: bench/pcap.sh $CAPTURE"
bench/pcap.sh "$CAPTURE" "$WORK/pcap" | tee "$WORK/pcap.txt"
# "slate wall W s ... | cpu C s ... | peak RSS R MB", and the same for tshark.
field() { awk -v l="$1" -v k="$2" '$1 == l { for (i = 1; i < NF; i++) if ($i == k) { print $(i+1); exit } }' "$WORK/pcap.txt"; }
rss=$(awk '$1 == "slate" { print $(NF-1) }' "$WORK/pcap.txt")
echo "RESULT pcap-$SIZE wall=$(field slate wall) cpu=$(field slate cpu) rss_mb=$rss tshark_wall=$(field tshark wall) speedup=$(awk -v t="$(field tshark wall)" -v s="$(field slate wall)" 'BEGIN { print t / s }')" >>"$RESULTS"

echo "== evaluation at scale: bench/scale.sh $SIZE"
bench/scale.sh "$SIZE" "$WORK/scale" | tee "$WORK/scale.txt"
line=$(grep -m1 '^BenchmarkScale.*ns/op' "$WORK/scale.txt")
ns=$(echo "$line" | awk '{ for (i = 2; i <= NF; i++) if ($i == "ns/op") print $(i-1) }')
evrss=$(echo "$line" | awk '{ for (i = 2; i <= NF; i++) if ($i == "peak-RSS-MB") print $(i-1) }')
whole=$(grep -m1 'whole process' "$WORK/scale.txt")
wall=$(echo "$whole" | sed -E 's/.*wall ([0-9:.]+),.*/\1/' | secs)
cpu=$(echo "$whole" | sed -E 's/.*cpu ([0-9.]+) s.*/\1/')
prss=$(echo "$whole" | sed -E 's/.*peak RSS ([0-9]+) MB.*/\1/')
echo "RESULT scale-$SIZE eval_s=$(awk -v n="$ns" 'BEGIN { print n / 1e9 }') eval_rss_mb=${evrss:-0} wall=$wall cpu=$cpu rss_mb=$prss" >>"$RESULTS"

echo "== the whole site from files: bench/site.sh $SIZE"
bench/site.sh "$SIZE" "$WORK/site" 3 | tee "$WORK/site.txt"
grep '^RESULT' "$WORK/site.txt" >>"$RESULTS"

echo "== workbook with 100,000 gaps: BenchmarkManyGaps, $WORKBOOKS run(s)"
go test -c -o "$WORK/xlsx.test" ./reports/xlsx
/usr/bin/time -f '%e %M %U %S' -o "$WORK/xlsx.time" "$WORK/xlsx.test" -test.run '^$' -test.bench '^BenchmarkManyGaps$' \
	-test.benchtime 1x -test.count "$WORKBOOKS" -test.benchmem | tee "$WORK/xlsx.txt"
read -r _ rss user sys <"$WORK/xlsx.time"
wall=$(awk '/^BenchmarkManyGaps/ { for (i = 2; i <= NF; i++) if ($i == "ns/op") print $(i-1) / 1e9 }' "$WORK/xlsx.txt" | median)
echo "RESULT workbook wall=$wall cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') rss_mb=$((rss / 1024))" >>"$RESULTS"

ref
echo "RESULT ref cpu=$(awk -F'cpu=' '{print $2}' "$WORK/ref.txt" | median)" >>"$RESULTS"
echo
echo "$(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), figures in $RESULTS"
"$WORK/benchguard" table "$RESULTS"
