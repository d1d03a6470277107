#!/usr/bin/env bash
# Benchmark of the pcap collector against tshark on the same synthetic
# capture (>= 1 GB by default): throughput (MB/s, packets/s) and peak RSS
# for both, then tshark's wall time over slate's. Usage: bench/pcap.sh
# [size-in-bytes] [work-dir]
# Needs Go, and installs tshark and GNU time from Debian packages if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1073741824}
WORK=${2:-${TMPDIR:-/tmp}/slate-bench}
mkdir -p "$WORK"
CAP="$WORK/bench.pcap"

if ! command -v tshark >/dev/null || [ ! -x /usr/bin/time ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark time >/dev/null
fi

if [ ! -s "$CAP" ] || [ ! -s "$WORK/gencap.txt" ] || [ "$(stat -L -c %s "$CAP")" -lt "$SIZE" ]; then
	go run ./bench/gencap -o "$CAP" -size "$SIZE" -flows 4000 | tee "$WORK/gencap.txt"
fi
BYTES=$(stat -L -c %s "$CAP")
PACKETS=$(grep -o '[0-9]* packets' "$WORK/gencap.txt" | cut -d' ' -f1)

go test -c -o "$WORK/pcap.test" ./collectors/pcap

# run LABEL CMD...: runs CMD under GNU time, prints seconds and peak RSS.
run() {
	local label=$1
	shift
	/usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$WORK/$label.time"
	local wall rss secs cpu
	wall=$(grep 'Elapsed (wall clock)' "$WORK/$label.time" | awk '{print $NF}')
	rss=$(grep 'Maximum resident set size' "$WORK/$label.time" | awk '{print $NF}')
	secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	cpu=$(awk -F: '/User time|System time/ { s += $2 } END { print s }' "$WORK/$label.time")
	echo "$secs" >"$WORK/$label.wall"
	awk -v l="$label" -v s="$secs" -v c="$cpu" -v b="$BYTES" -v p="$PACKETS" -v r="$rss" 'BEGIN {
		printf "%-12s wall %7.2f s %7.1f MB/s %9.0f packets/s | cpu %7.2f s %7.1f MB/s per cpu-second | peak RSS %7.1f MB\n",
			l, s, b/s/1e6, p/s, c, b/c/1e6, r/1024 }'
}

echo "capture: $CAP, $BYTES bytes, $PACKETS packets"
run slate-1core env BENCH_PCAP="$CAP" GOMAXPROCS=1 "$WORK/pcap.test" -test.run '^$' -test.bench '^BenchmarkCollect$' -test.benchtime 1x -test.benchmem
grep Benchmark "$WORK/slate-1core.out" || true
run slate env BENCH_PCAP="$CAP" "$WORK/pcap.test" -test.run '^$' -test.bench '^BenchmarkCollect$' -test.benchtime 1x -test.benchmem
grep Benchmark "$WORK/slate.out" || true
run tshark tshark -r "$CAP" -q -z conv,tcp
awk -v t="$(cat "$WORK/tshark.wall")" -v s1="$(cat "$WORK/slate-1core.wall")" -v s="$(cat "$WORK/slate.wall")" \
	-v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
	printf "ratio: tshark wall / slate wall %.1fx on every core, %.1fx on one (load average %s)\n", t/s, t/s1, load }'
