#!/usr/bin/env bash
# Builds the example portfolio: the three example sites (plant-a,
# water-utility, packaging-plant) assessed at three dates each into
# examples/runs/SITE/DATE, each site's runs signed with a key of its own
# (generated into examples/runs/keys/, never committed), then
# `slate portfolio` over all of them with a keys file that maps each site
# to its key. Run from the repository root:
#
#   examples/portfolio.sh            # uses bin/slate (make build)
#   SLATE=slate examples/portfolio.sh
#
# The output is examples/runs/portfolio/portfolio.{json,md,html,xlsx}.
# examples/runs/ is generated and ignored by git.
set -euo pipefail

SLATE=${SLATE:-bin/slate}
RUNS=${RUNS:-examples/runs}
DATES=${DATES:-"2026-09-01 2026-10-01 2026-11-01"}
SITES="plant-a water-utility packaging-plant"
# Fixed fingerprint key and signing password: the example keys protect
# nothing and the runs must be the same on every machine.
export SLATE_FINGERPRINT_KEY=${SLATE_FINGERPRINT_KEY:-$(printf '5a%.0s' $(seq 32))}
export COSIGN_PASSWORD=${COSIGN_PASSWORD:-example-only}

rm -rf "$RUNS"
mkdir -p "$RUNS/keys"
{
  echo '# Which public key each site signs its runs with (first match wins).'
  for site in $SITES; do
    "$SLATE" keygen --output-key-prefix "$RUNS/keys/$site" >/dev/null
    printf 'site "%s" {\n  key = "keys/%s.pub"\n}\n' "$site" "$site"
  done
} >"$RUNS/keys.hcl"

for site in $SITES; do
  for date in $DATES; do
    "$SLATE" assess "examples/$site" --out "$RUNS/$site/$date" --as-of "$date" \
      --format json,md --sign-key "$RUNS/keys/$site.key" --quiet >/dev/null 2>&1 || {
      code=$?
      # Exit 1 is an assessment with findings; anything else is an error.
      [ "$code" -eq 1 ] || { echo "assess $site $date: exit $code" >&2; exit "$code"; }
    }
  done
done

"$SLATE" portfolio "$RUNS"/plant-a "$RUNS"/water-utility "$RUNS"/packaging-plant \
  --keys "$RUNS/keys.hcl" --out "$RUNS/portfolio"
