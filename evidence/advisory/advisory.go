package advisory

import "github.com/slate-ot/slate/evidence/advisory/vers"

// Data is the document data of kind "advisories": what policies see as
// input.evidence.advisories[_].data.
type Data struct {
	// Advisories are sorted by ID, then file.
	Advisories []Advisory `json:"advisories"`
}

// Advisory is one CSAF 2.0 document.
type Advisory struct {
	// ID is document.tracking.id ("ICSA-22-195-01").
	ID    string `json:"id"`
	Title string `json:"title"`
	// Category is "csaf_security_advisory", "csaf_vex" or another CSAF
	// profile.
	Category  string `json:"category"`
	Publisher string `json:"publisher"`
	// Version and Status are the tracking version ("1", "1.0.0") and
	// status ("final", "interim", "draft").
	Version string `json:"version"`
	Status  string `json:"status"`
	// InitialRelease and CurrentRelease are the tracking dates as given
	// (RFC 3339).
	InitialRelease string     `json:"initial_release"`
	CurrentRelease string     `json:"current_release"`
	Revisions      []Revision `json:"revisions"`
	// File is the path of the document, relative to the assessment.
	File string `json:"file"`
	// SHA256 is the digest of the file's bytes.
	SHA256          string          `json:"sha256"`
	Products        []Product       `json:"products"`
	Vulnerabilities []Vulnerability `json:"vulnerabilities"`
}

// Revision is one entry of the tracking's revision history.
type Revision struct {
	Number  string `json:"number"`
	Date    string `json:"date"`
	Summary string `json:"summary"`
}

// Product is one leaf of the product tree: a product with its version or
// version range, or a full product name outside the branches.
type Product struct {
	ID string `json:"id"`
	// Name is the full product name the advisory gives.
	Name string `json:"name"`
	// Vendor, Family and ProductName are the names of the branches above
	// it (vendor, product_family, product_name); Vendor is as written,
	// trailing spaces and all.
	Vendor      string `json:"vendor,omitempty"`
	Family      string `json:"family,omitempty"`
	ProductName string `json:"product_name,omitempty"`
	// Hardware and Firmware are set when the branches say which part the
	// version is of (CSAF "product_version" under a "firmware" or
	// "hardware" architecture-like branch); most advisories do not.
	// Version is the product_version or product_version_range text.
	Version string `json:"version,omitempty"`
	// Range is Version read (vers.Parse); nil when the product has none.
	Range *vers.Range `json:"range,omitempty"`
	// From product_identification_helper.
	CPE          string   `json:"cpe,omitempty"`
	PURLs        []string `json:"purls,omitempty"`
	ModelNumbers []string `json:"model_numbers,omitempty"`
	SKUs         []string `json:"skus,omitempty"`
	SerialNums   []string `json:"serial_numbers,omitempty"`
}

// Vulnerability is one entry of the document's vulnerabilities.
type Vulnerability struct {
	CVE string `json:"cve,omitempty"`
	// IDs are other identifiers ("system_name: text").
	IDs   []string `json:"ids,omitempty"`
	Title string   `json:"title,omitempty"`
	CWE   string   `json:"cwe,omitempty"`
	// Scores are the CVSS scores, one per version and product set.
	Scores       []Score       `json:"scores,omitempty"`
	Status       Status        `json:"status"`
	Remediations []Remediation `json:"remediations,omitempty"`
}

// Score is a CVSS base score and vector for some products.
type Score struct {
	// Version is "2.0", "3.0", "3.1" or "4.0".
	Version  string   `json:"version"`
	Base     float64  `json:"base"`
	Vector   string   `json:"vector"`
	Products []string `json:"products"`
}

// Status lists product ids by CSAF product status.
type Status struct {
	KnownAffected      []string `json:"known_affected,omitempty"`
	KnownNotAffected   []string `json:"known_not_affected,omitempty"`
	Fixed              []string `json:"fixed,omitempty"`
	FirstFixed         []string `json:"first_fixed,omitempty"`
	FirstAffected      []string `json:"first_affected,omitempty"`
	LastAffected       []string `json:"last_affected,omitempty"`
	Recommended        []string `json:"recommended,omitempty"`
	UnderInvestigation []string `json:"under_investigation,omitempty"`
}

// Remediation is one remediation of a vulnerability.
type Remediation struct {
	// Category is vendor_fix, mitigation, workaround, none_available or
	// no_fix_planned.
	Category string `json:"category"`
	Details  string `json:"details"`
	URL      string `json:"url,omitempty"`
	// FixedVersion is the version a vendor_fix names ("Update to V5.2.6
	// or later version"), "" when its text names none.
	FixedVersion string   `json:"fixed_version,omitempty"`
	Products     []string `json:"products"`
}

// KEVData is the document data of kind "kev": the CISA Known Exploited
// Vulnerabilities catalog.
type KEVData struct {
	Title    string `json:"title"`
	Version  string `json:"version"`
	Released string `json:"released"`
	// Vulnerabilities are sorted by CVE.
	Vulnerabilities []KEV `json:"vulnerabilities"`
}

// KEV is one entry of the catalog.
type KEV struct {
	CVE       string `json:"cve"`
	Vendor    string `json:"vendor"`
	Product   string `json:"product"`
	Name      string `json:"name"`
	DateAdded string `json:"date_added"`
	DueDate   string `json:"due_date"`
	// Ransomware is knownRansomwareCampaignUse: "Known" or "Unknown".
	Ransomware     string `json:"ransomware"`
	RequiredAction string `json:"required_action,omitempty"`
}
