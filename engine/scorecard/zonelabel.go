package scorecard

// SiteWide is how reports name the zone of a finding, gap, waiver or
// attestation that has none: it holds for the whole site.
const SiteWide = "site-wide"

// ZoneLabel returns zone as reports print it: the zone's name, or SiteWide
// for "".
func ZoneLabel(zone string) string {
	if zone == "" {
		return SiteWide
	}
	return zone
}
