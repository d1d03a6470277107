// Package portfolio is the view of many sites' signed runs that
// `slate portfolio` writes: per site, zone and FR the SL-A range against
// SL-T, sites ranked by risk, open gaps by owner and severity,
// requirements failing at many sites, each site's trend, stale evidence
// and waivers, and who signed each run. It holds the types only, so that
// the report writers depend on nothing else; engine/portfolio/aggregate
// reads, verifies and aggregates the runs.
package portfolio
