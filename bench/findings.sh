#!/usr/bin/env bash
# A run with N findings (a million by default): the example site plant-a
# with one custom check added that reports N findings in the control zone,
# assessed with every report format, under GNU time. Prints the wall and
# CPU time, the peak RSS of the whole `slate assess` and the size of each
# file written (docs/performance.md, "Report writers at a million
# findings"). FORMATS in the environment chooses other formats; the
# workbook lists every gap on a row of its own, so past 1,048,575 findings
# it needs leaving out (FORMATS=html,json,junit,md,oscal,sarif).
# Usage: bench/findings.sh [n] [work-dir]
# Needs Go; GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
WORK=${2:-${TMPDIR:-/tmp}/slate-findings}
rm -rf "$WORK/site" "$WORK/out"
mkdir -p "$WORK"
go build -o "$WORK/slate" ./cmd/slate
cp -r examples/plant-a "$WORK/site"
mkdir -p "$WORK/site/bench-policies"
cat >"$WORK/site/bench-policies/many.rego" <<REGO
# METADATA
# title: Many findings
# scope: package
# custom:
#   id: BENCH-MANY
#   requirements: ["SR 7.3"]
#   severity: low
#   owner: OT
#   remediation: Nothing to do; a benchmark.
package slate.checks.bench.many

assessed contains "control"

deny contains {"zone": "control", "subject": sprintf("device:d%d", [i]), "message": sprintf("finding %d of a benchmark", [i])} if {
	some i in numbers.range(1, $N)
}
REGO
printf '\npolicies {\n  paths = ["bench-policies"]\n}\n' >>"$WORK/site/assessment.hcl"
FORMATS=${FORMATS:-html,json,junit,md,oscal,sarif,xlsx}
echo "$(go version), GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, $N findings, formats $FORMATS"
status=0
/usr/bin/time -v "$WORK/slate" assess "$WORK/site" --out "$WORK/out" --format "$FORMATS" \
	--policy-timeout 10m >"$WORK/assess.out" 2>"$WORK/assess.time" || status=$?
grep -E 'Elapsed|User time|System time|Maximum resident' "$WORK/assess.time"
echo "exit status $status (1: findings at or above --fail-on)"
ls -l "$WORK/out" | awk 'NR > 1 { printf "%14d  %s\n", $5, $9 }'
