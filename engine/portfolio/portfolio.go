package portfolio

import (
	"github.com/slate-ot/slate/engine/scorecard"
)

// Format names the version of the portfolio layout.
const Format = "slate.portfolio/v1"

// TopRisks is how many root causes each site lists.
const TopRisks = 5

// Portfolio is the view of many sites' runs.
type Portfolio struct {
	Format string `json:"format"`
	// AsOf is the date freshness and waivers are judged on: the one asked
	// for, else the newest verified run's.
	AsOf string `json:"as_of"`
	// FRs name the foundational requirements of every zone's cells.
	FRs []string `json:"frs"`
	// Sites are the sites with at least one verified run, ranked by risk
	// (see Site.Rank).
	Sites []Site `json:"sites"`
	// Patterns are the requirements failing at one site or more, the most
	// widespread first.
	Patterns []Pattern `json:"patterns"`
	// Runs are every run read, by path: verified or not, and why not.
	Runs []Run `json:"runs"`
	// Verified and Unverified count the runs.
	Verified   int `json:"verified"`
	Unverified int `json:"unverified"`
	// Reevaluated is set when every verified run was also evaluated
	// again and reproduced.
	Reevaluated bool `json:"reevaluated"`
}

// Run is one run folder.
type Run struct {
	Path string `json:"path"`
	// Assessment and AsOf are what the run's scorecard says; for a run
	// that did not verify, what it claims.
	Assessment string `json:"assessment,omitempty"`
	AsOf       string `json:"as_of,omitempty"`
	Verified   bool   `json:"verified"`
	// Reason says why the run did not verify.
	Reason string `json:"reason,omitempty"`
	// Signer is the key the run verified with.
	Signer *Signer `json:"signer,omitempty"`
	// Scorecard is the sha256 digest of its scorecard.json.
	Scorecard string `json:"scorecard,omitempty"`
}

// Signer names the key a run verified with.
type Signer struct {
	// Key is the key's fingerprint (cosign's key hint).
	Key string `json:"key"`
	// Entry is where the key was named: the key file, or the keys file's
	// site block.
	Entry string `json:"entry"`
}

// Site is one assessment's runs: the newest one in detail, and the trend
// over all.
type Site struct {
	// Rank is 1 for the site at most risk: sites with KEV-affected assets
	// first, then by risk score, then by open gaps, then by name.
	Rank       int    `json:"rank"`
	Assessment string `json:"assessment"`
	Site       string `json:"site"`
	// AsOf and Run are the newest verified run's date and path; AgeDays
	// its age on the portfolio date.
	AsOf    string `json:"as_of"`
	Run     string `json:"run"`
	AgeDays int    `json:"age_days"`
	// Risk is the sum of the risk scores of the open root causes
	// (scorecard.Score: severity × exposure × SL-T).
	Risk           int `json:"risk"`
	OpenRootCauses int `json:"open_root_causes"`
	// KEVAssets are the assets with an advisory whose CVE is in the
	// Known Exploited Vulnerabilities catalog, not fixed.
	KEVAssets []string `json:"kev_assets"`
	// Zones hold SL-A against SL-T per FR.
	Zones []Zone `json:"zones"`
	// Below counts zone × FR cells below target, Undetermined those only
	// unknowns stand in the way of.
	Below        int `json:"below"`
	Undetermined int `json:"undetermined"`
	OpenGaps     int `json:"open_gaps"`
	// Owners are the open gaps by owner and severity.
	Owners   []OwnerGaps `json:"owners"`
	TopRisks []Risk      `json:"top_risks"`
	// Stale is the evidence that is stale on the portfolio date.
	Stale []StaleEvidence `json:"stale"`
	// Waivers are the waivers that need attention on the portfolio date:
	// expired, expiring within scorecard.WaiverWarnDays, unused.
	Waivers []scorecard.WaiverNote `json:"waivers"`
	// Trend is the site's verified runs over time; StaleTrend counts the
	// stale evidence documents of each run on its own date, in
	// Trend.Runs order.
	Trend      *scorecard.Trend `json:"trend"`
	StaleTrend []int            `json:"stale_trend"`
	// Failing are the requirements failing in some zone ("framework:id").
	Failing []string `json:"failing"`
}

// Zone is one zone's FRs.
type Zone struct {
	Name string         `json:"name"`
	Kind string         `json:"kind"`
	FRs  []scorecard.FR `json:"frs"`
}

// OwnerGaps counts one owner's open gaps by severity.
type OwnerGaps struct {
	Owner      string         `json:"owner"`
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
}

// Risk is one open root cause of a site.
type Risk struct {
	Title    string   `json:"title"`
	Subject  string   `json:"subject"`
	Severity string   `json:"severity"`
	Score    int      `json:"score"`
	Zones    []string `json:"zones"`
	Owners   []string `json:"owners"`
}

// StaleEvidence is one evidence document stale on the portfolio date.
type StaleEvidence struct {
	Document string `json:"document"`
	Kind     string `json:"kind"`
	Date     string `json:"date"`
	MaxAge   string `json:"max_age"`
	Reason   string `json:"reason"`
}

// Pattern is one requirement failing at one site or more.
type Pattern struct {
	Requirement string `json:"requirement"`
	Title       string `json:"title"`
	// Failing are the sites (assessment names) where it fails; Of counts
	// the sites whose newest run lists it.
	Failing []string `json:"failing"`
	Of      int      `json:"of"`
}
