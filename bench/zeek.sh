#!/usr/bin/env bash
# Benchmark of the Zeek log collector on generated sensor logs: SIZE bytes
# of JSON logs (bench/zeekgen: conn.log with ICSNPP and Zeek protocol
# logs, four sensors, hourly rotation, plain files) and the TSV of the
# same records beside them, read by `slate collect` under GNU time (wall,
# CPU, peak RSS; median of RUNS runs), and jq -c selecting the conn
# fields the collector reads from the same JSON files in the same run.
# Usage: bench/zeek.sh [size-in-bytes] [work-dir] [runs]
# Needs Go; installs jq and GNU time from Debian packages if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1073741824}
WORK=${2:-${TMPDIR:-/tmp}/slate-zeek-bench}
RUNS=${3:-3}
mkdir -p "$WORK"

if ! command -v jq >/dev/null || [ ! -x /usr/bin/time ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq time >/dev/null
fi

go build -o "$WORK/slate" ./cmd/slate
if [ ! -s "$WORK/gen-$SIZE.txt" ]; then
	rm -rf "$WORK/logs"
	go run ./bench/zeekgen -seed 1 -size "$SIZE" -sensors 4 -conversations 50000 -format both -out "$WORK/logs" | tee "$WORK/gen-$SIZE.txt"
fi
for f in json tsv; do
	cat >"$WORK/logs/$f.hcl" <<HCL
assessment "zeek-bench" {
  site  = "generated"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
source "zeek" "sensors" {
  files = ["$f/**/*.log"]
}
HCL
done
JSONBYTES=$(du -sb "$WORK/logs/json" | cut -f1)
TSVBYTES=$(du -sb "$WORK/logs/tsv" | cut -f1)
CONNS=$(grep -o '^[0-9]* conn records' "$WORK/gen-$SIZE.txt" | cut -d' ' -f1)
echo "$(date -u +%FT%TZ) $(nproc) cores, $(go version | cut -d' ' -f3), GOMAXPROCS=${GOMAXPROCS:-$(nproc)}"
echo "JSON $JSONBYTES bytes, TSV $TSVBYTES bytes, $CONNS conn records"

# run LABEL CMD...: runs CMD under GNU time; prints wall seconds and peak RSS in MB.
run() {
	local label=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/$label.time" "$@" >/dev/null 2>"$WORK/$label.err" || {
		cat "$WORK/$label.err" >&2
		exit 1
	}
	read -r wall rss user sys <"$WORK/$label.time"
	echo "$wall $((rss / 1024)) $user $sys"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A WALL RSS
for label in json tsv jq; do
	: >"$WORK/$label.runs"
	for _ in $(seq "$RUNS"); do
		case $label in
		json | tsv) out=$(run "$label" "$WORK/slate" collect "$WORK/logs/$label.hcl" -q -o "$WORK/out-$label") ;;
		jq) out=$(run jq sh -c "find '$WORK/logs/json' -name 'conn.*' -print0 | sort -z | xargs -0 cat | jq -c '[.ts, .uid, .\"id.orig_h\", .\"id.orig_p\", .\"id.resp_h\", .\"id.resp_p\", .proto, .service, .duration, .orig_bytes, .resp_bytes, .history, .orig_pkts, .orig_ip_bytes, .resp_pkts, .resp_ip_bytes, .orig_l2_addr, .resp_l2_addr, .vlan, .inner_vlan]'") ;;
		esac
		echo "$out" >>"$WORK/$label.runs"
		echo "  $label run: wall ${out%% *} s, peak RSS $(echo "$out" | cut -d' ' -f2) MB, user+sys $(echo "$out" | awk '{print $3+$4}') s"
	done
	WALL[$label]=$(cut -d' ' -f1 "$WORK/$label.runs" | median)
	RSS[$label]=$(cut -d' ' -f2 "$WORK/$label.runs" | sort -n | tail -1)
done
printf 'slate collect JSON: median wall %s s (%.0f MB/s), peak RSS %s MB\n' "${WALL[json]}" "$(echo "$JSONBYTES / ${WALL[json]} / 1000000" | bc -l)" "${RSS[json]}"
printf 'slate collect TSV:  median wall %s s (%.0f MB/s), peak RSS %s MB\n' "${WALL[tsv]}" "$(echo "$TSVBYTES / ${WALL[tsv]} / 1000000" | bc -l)" "${RSS[tsv]}"
printf 'jq -c (conn fields): median wall %s s; jq / slate JSON = %.1fx\n' "${WALL[jq]}" "$(echo "${WALL[jq]} / ${WALL[json]}" | bc -l)"
