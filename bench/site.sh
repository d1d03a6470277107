#!/usr/bin/env bash
# The whole site from files: bench/gensite writes a generated site to disk
# (100,000 inventory rows in a CSV export and six XLSX registers, pcap and
# pcapng captures of 1,000,000 flows, 1,000 Cisco IOS configurations, 3,000
# identities in a CSV export; small and medium are 1 % and 10 %), then
# `slate assess --format json,xlsx,html,md,sarif,oscal` runs over it RUNS
# times under GNU time. Prints each run and the median wall time, the
# median CPU time (user + system) and the largest peak RSS, then one line
# for `make bench` and the CI guard:
#   RESULT site-SIZE wall=S cpu=S rss_mb=N
# With PHASES=1 it also times the parts one by one (each once): `slate
# collect` of each kind of source alone, `slate evaluate` of the collected
# bundle (scorecard only) and `slate report` of each format from the
# scorecard (which includes reading the scorecard back).
# Usage: bench/site.sh [small|medium|full] [work-dir] [runs]
# Needs Go and GNU time (/usr/bin/time). full needs about 1.5 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-full}
case $SIZE in small | medium | full) ;; *)
	echo "usage: bench/site.sh [small|medium|full] [work-dir] [runs]" >&2
	exit 2
	;;
esac
WORK=${2:-${TMPDIR:-/tmp}/slate-site}
RUNS=${3:-3}
FORMATS=json,xlsx,html,md,sarif,oscal
mkdir -p "$WORK"

go build -o "$WORK/slate" ./cmd/slate
go build -o "$WORK/gensite" ./bench/gensite
SITE="$WORK/site-$SIZE"
# The site is generated again when the generator changed.
SUM=$(cat bench/gensite/*.go internal/benchsite/*.go | sha256sum | cut -c1-16)
if [ "$(cat "$SITE/.generated" 2>/dev/null)" != "$SUM" ]; then
	rm -rf "$SITE"
	"$WORK/gensite" -size "$SIZE" -out "$SITE" >"$WORK/gen-$SIZE.txt"
	echo "$SUM" >"$SITE/.generated"
fi
echo "$(date -u +%FT%TZ) $(nproc) cores, $(go version | cut -d' ' -f3), GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$WORK/gen-$SIZE.txt" 2>/dev/null || true

# timed LABEL CMD...: runs CMD under GNU time; prints "wall rss-MB cpu".
timed() {
	local label=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/$label.time" "$@" >"$WORK/$label.out" 2>"$WORK/$label.err" || {
		echo "$label failed:" >&2
		tail -20 "$WORK/$label.err" >&2
		exit 1
	}
	read -r wall rss user sys <"$WORK/$label.time"
	echo "$wall $((rss / 1024)) $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

OUT="$WORK/out-$SIZE"
: >"$WORK/site.runs"
for i in $(seq "$RUNS"); do
	r=$(timed assess "$WORK/slate" assess "$SITE" --out "$OUT" --clean --format "$FORMATS" -q --policy-timeout 30m)
	echo "$r" >>"$WORK/site.runs"
	read -r wall rss cpu <<<"$r"
	echo "  run $i: wall $wall s, cpu $cpu s, peak RSS $rss MB"
done
WALL=$(cut -d' ' -f1 "$WORK/site.runs" | median)
CPU=$(cut -d' ' -f3 "$WORK/site.runs" | median)
RSS=$(cut -d' ' -f2 "$WORK/site.runs" | sort -n | tail -1)
GAPS=$(grep -o 'Open gaps: [0-9]*' "$WORK/assess.out" | grep -o '[0-9]*$' || echo '?')
echo "slate assess --format $FORMATS: median wall $WALL s, median cpu $CPU s, peak RSS $RSS MB (of $RUNS runs); $GAPS open gaps"
ls -l "$OUT" | awk 'NR > 1 { printf "%14d  %s\n", $5, $9 }'

if [ "${PHASES:-0}" = 1 ]; then
	echo "phases (one run each):"
	for kind in assets mfa netconfig pcap; do
		r=$(timed "collect-$kind" "$WORK/slate" collect "$SITE/only-$kind.hcl" --out "$WORK/phase-$kind" -q)
		read -r wall rss cpu <<<"$r"
		printf '  %-22s wall %7s s  cpu %7.2f s  peak RSS %6s MB\n' "collect $kind" "$wall" "$cpu" "$rss"
	done
	rm -rf "$WORK/phase-eval"
	r=$(timed evaluate "$WORK/slate" evaluate --bundle "$OUT/bundle.json" "$SITE" --out "$WORK/phase-eval" -q --policy-timeout 30m)
	read -r wall rss cpu <<<"$r"
	printf '  %-22s wall %7s s  cpu %7.2f s  peak RSS %6s MB\n' "evaluate" "$wall" "$cpu" "$rss"
	for f in ${FORMATS//,/ }; do
		r=$(timed "report-$f" "$WORK/slate" report "$OUT/scorecard.json" --format "$f" --out "$WORK/phase-report.$f" -q)
		read -r wall rss cpu <<<"$r"
		printf '  %-22s wall %7s s  cpu %7.2f s  peak RSS %6s MB\n' "report $f" "$wall" "$cpu" "$rss"
	done
	rm -rf "$WORK"/phase-*
fi
echo "RESULT site-$SIZE wall=$WALL cpu=$CPU rss_mb=$RSS"
