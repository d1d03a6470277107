package advisory

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
)

// ErrNotKEV is returned by ParseKEV for JSON that is not the catalog.
var ErrNotKEV = errors.New("not a CISA KEV catalog (no catalogVersion and vulnerabilities)")

var cveID = regexp.MustCompile(`^CVE-\d{4}-\d{4,}$`)

// ParseKEV reads the CISA Known Exploited Vulnerabilities catalog (JSON).
// An entry without a well-formed CVE id is an error naming its index.
func ParseKEV(data []byte) (KEVData, error) {
	var raw struct {
		Title           string `json:"title"`
		CatalogVersion  string `json:"catalogVersion"`
		DateReleased    string `json:"dateReleased"`
		Vulnerabilities []struct {
			CVEID                      string `json:"cveID"`
			VendorProject              string `json:"vendorProject"`
			Product                    string `json:"product"`
			VulnerabilityName          string `json:"vulnerabilityName"`
			DateAdded                  string `json:"dateAdded"`
			RequiredAction             string `json:"requiredAction"`
			DueDate                    string `json:"dueDate"`
			KnownRansomwareCampaignUse string `json:"knownRansomwareCampaignUse"`
		} `json:"vulnerabilities"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&raw); err != nil {
		return KEVData{}, err
	}
	if raw.CatalogVersion == "" || raw.Vulnerabilities == nil {
		return KEVData{}, ErrNotKEV
	}
	out := KEVData{Title: raw.Title, Version: raw.CatalogVersion, Released: raw.DateReleased, Vulnerabilities: []KEV{}}
	for i, v := range raw.Vulnerabilities {
		if !cveID.MatchString(v.CVEID) {
			return KEVData{}, fmt.Errorf("vulnerabilities[%d]: cveID %q is not a CVE id", i, v.CVEID)
		}
		out.Vulnerabilities = append(out.Vulnerabilities, KEV{CVE: v.CVEID, Vendor: v.VendorProject, Product: v.Product,
			Name: v.VulnerabilityName, DateAdded: v.DateAdded, DueDate: v.DueDate, Ransomware: v.KnownRansomwareCampaignUse,
			RequiredAction: v.RequiredAction})
	}
	slices.SortStableFunc(out.Vulnerabilities, func(a, b KEV) int { return cmp.Compare(a.CVE, b.CVE) })
	return out, nil
}

// KEVAsOf returns the entries added to the catalog on or before asOf
// (YYYY-MM-DD), so that a newer catalog does not change an old
// assessment.
func KEVAsOf(entries []KEV, asOf string) []KEV {
	var out []KEV
	for _, k := range entries {
		if asOf == "" || k.DateAdded == "" || k.DateAdded <= asOf {
			out = append(out, k)
		}
	}
	return out
}
