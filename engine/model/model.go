package model

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Framework ids an assessment may select.
const (
	FrameworkIEC62443 = "iec62443-3-3"
	// FrameworkNIST is NIST SP 800-53r5 with the controls of one SP 800-53B
	// baseline. The SP 800-82r3 OT overlay's tailoring of that baseline is
	// not applied: see the status of engine/catalog's overlay data.
	FrameworkNIST = "nist-800-53r5"
)

// frameworkNIST82r3 is the id older assessment files used for FrameworkNIST.
// It is read as FrameworkNIST with a warning, never as the overlay.
const frameworkNIST82r3 = "nist-800-82r3"

// CanonicalFramework returns the framework id an id stands for, and whether
// id is a deprecated alias of it ("nist-800-82r3" for FrameworkNIST).
func CanonicalFramework(id string) (string, bool) {
	if id == frameworkNIST82r3 {
		return FrameworkNIST, true
	}
	return id, false
}

// Assessment is an assessment file as plain data, loaded and checked by
// engine/assessment. Every list is sorted by name so that later stages see
// the same order on every run.
type Assessment struct {
	Name string `json:"name"`
	Site string `json:"site"`
	// AsOf is the assessment date, YYYY-MM-DD, or "" when the file sets none
	// (the CLI then needs --as-of or SOURCE_DATE_EPOCH).
	AsOf string `json:"as_of"`
	// File is the absolute path of the assessment file; Dir its directory.
	File string `json:"-"`
	Dir  string `json:"-"`
	// SHA256 is the hex digest of the file's bytes.
	SHA256     string      `json:"-"`
	Frameworks []Framework `json:"frameworks"`
	Zones      []Zone      `json:"zones"`
	Conduits   []Conduit   `json:"conduits"`
	Sources    []Source    `json:"-"`
	// PolicyPaths are the custom policy directories, absolute and sorted.
	PolicyPaths []string `json:"-"`
	// PolicyBundles are the policy packs (OPA bundles) whose checks run
	// beside the built-in ones, absolute and sorted; PolicyBundleKey is
	// the public key their signatures are verified with, "" for none.
	PolicyBundles   []string `json:"-"`
	PolicyBundleKey string   `json:"-"`
	// PolicyOCI are the policy packs pinned by digest in OCI registries
	// (REGISTRY/REPOSITORY@sha256:…, without "oci://"), sorted; they are
	// verified with PolicyBundleKey too.
	PolicyOCI []string `json:"-"`
	Waivers   []Waiver `json:"-"`
	// Countermeasures are the compensating countermeasures the file
	// records, by name.
	Countermeasures []Countermeasure `json:"-"`
	// MaintenanceWindows are the planned and approved maintenance
	// windows, by name (read by engine/assessment/windows.go).
	MaintenanceWindows []MaintenanceWindow `json:"maintenance_windows"`
	Outputs            Outputs             `json:"-"`
}

// Framework is one `framework` block.
type Framework struct {
	ID string `json:"id"`
	// Baseline is low, moderate or high for nist-800-53r5 (the SP 800-53B
	// baseline), "" otherwise.
	Baseline string `json:"baseline,omitempty"`
}

// DisplayName is how every report names the framework: what is assessed,
// in words, and nothing more. "NIST SP 800-53r5 moderate baseline
// (SP 800-53B)" says the SP 800-53B baseline is used; no OT overlay
// tailoring is claimed, since none is applied.
func (f Framework) DisplayName() string {
	id, _ := CanonicalFramework(f.ID)
	switch id {
	case FrameworkIEC62443:
		return "IEC 62443-3-3"
	case FrameworkNIST:
		if f.Baseline == "" {
			return "NIST SP 800-53r5"
		}
		return "NIST SP 800-53r5 " + f.Baseline + " baseline (SP 800-53B)"
	}
	return f.ID
}

// Zone is one `zone` block.
type Zone struct {
	Name        string         `json:"name"`
	Kind        string         `json:"kind"` // it, ot or dmz
	Networks    []netip.Prefix `json:"networks"`
	VLANs       []int          `json:"vlans"`
	SLTarget    SLVector       `json:"sl_target"`
	Owner       string         `json:"owner"` // IT, OT or CISO
	Description string         `json:"description,omitempty"`
}

// SLVector holds a security level 1–4 for each foundational requirement,
// FR1 at index 0. A zone with a single sl_target has the same level in all.
type SLVector [7]int

// Compact renders the vector compactly, FR1 first: "2 1 1 0 2 1 1".
func (v SLVector) Compact() string {
	s := make([]string, len(v))
	for i, l := range v {
		s[i] = strconv.Itoa(l)
	}
	return strings.Join(s, " ")
}

// MarshalJSON writes the vector as {"FR1":n,…,"FR7":n}.
func (v SLVector) MarshalJSON() ([]byte, error) {
	m := make(map[string]int, 7)
	for i, l := range v {
		m[fmt.Sprintf("FR%d", i+1)] = l
	}
	return json.Marshal(m)
}

// Conduit is one `conduit` block: the declared paths between two zones.
type Conduit struct {
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
	// Services are "tcp/443", "udp/161" or protocol names like "modbus".
	Services    []string `json:"services"`
	Description string   `json:"description,omitempty"`
}

// Source is one `source "<kind>" "<name>"` block.
type Source struct {
	Kind string
	Name string
	// Patterns are the globs as written, relative to Dir.
	Patterns []string
	// Files are the absolute paths the patterns matched, sorted, unique.
	Files []string
	// Options are the block's other attributes as plain Go values (string,
	// bool, json.Number, []any, map[string]any).
	Options map[string]any
	// MaxAge is how old the evidence may be on the assessment date, as
	// written ("30d", "4w"); "" when the block sets none. MaxAgeDays is the
	// same in days.
	MaxAge     string
	MaxAgeDays int
	// Collected is the day the evidence was gathered (YYYY-MM-DD), for
	// kinds whose content carries no date of its own; "" when not set.
	Collected string
	// Zones are the zones the source declares it speaks for (zones, sorted,
	// unique), besides those its evidence shows; nil when not set.
	Zones []string
	// MinObservation is the observation window below which the absence of
	// something from the evidence is not judged (min_observation, as
	// written); "" when not set. MinObservationNS is the same in
	// nanoseconds.
	MinObservation   string
	MinObservationNS int64
}

// Waiver is one `waiver` block.
type Waiver struct {
	Name string
	// Requirement is framework-qualified: "iec62443-3-3:SR 7.8" or
	// "nist-800-53r5:CM-8".
	Requirement string
	// Rule limits the waiver to the findings of one check ("SLATE-INV-002");
	// "" covers the findings of every check that fail Requirement.
	Rule string
	// Subject is the finding subject it covers ("asset:hmi-02"); "" or "*"
	// covers every subject.
	Subject string
	// Zone limits the waiver to one zone; "" covers every zone.
	Zone                string
	Reason              string
	ApprovedBy          string
	Expires             string // YYYY-MM-DD
	CompensatingControl string
}

// MaintenanceWindow is one `maintenance_window` block, as policies see it
// in input.assessment.maintenance_windows.
type MaintenanceWindow struct {
	Name string `json:"name"`
	// Zones are the zones whose devices the work may change, sorted.
	Zones []string `json:"zones"`
	// From and To bound the window: RFC 3339 times as written, From
	// before To. An operation is inside when it lies in [From, To].
	From        string `json:"from"`
	To          string `json:"to"`
	Description string `json:"description,omitempty"`
	// ApprovedBy is who approved the work: the window is an attestation
	// that the changes made in it were authorised.
	ApprovedBy string `json:"approved_by"`
}

// Countermeasure is one `countermeasure` block: a compensating
// countermeasure (IEC 62443-3-3, 4.3.2 and 5.x "compensating
// countermeasures") that stands in for requirements in some zones. It
// counts toward SL-A where it is valid on the assessment date: approved,
// not expired, and backed by evidence files or a valid attestation.
type Countermeasure struct {
	Name string
	// Requirements are framework-qualified, sorted.
	Requirements []string
	// Zones are the zones it is in place in, sorted.
	Zones       []string
	Description string
	// Evidence are the files that show it, relative to the assessment
	// directory with forward slashes, with their digests.
	Evidence []EvidenceFile
	// EvidenceMissing are evidence files named but not there: the
	// countermeasure is then not shown to be in place.
	EvidenceMissing []string
	// Attestation is the id of an attestation record that shows it.
	Attestation string
	ApprovedBy  string
	Expires     string // YYYY-MM-DD
}

// EvidenceFile is a file named by the assessment itself, with its digest.
type EvidenceFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Outputs is the `output` block.
type Outputs struct {
	// Dir is absolute, resolved against the assessment's directory; "" when
	// the file sets none.
	Dir string
	// Formats are sorted and unique; nil when the file sets none.
	Formats []string
}

// UnmarshalJSON reads the {"FR1":n,…,"FR7":n} form MarshalJSON writes.
func (v *SLVector) UnmarshalJSON(b []byte) error {
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	var out SLVector
	for k, l := range m {
		var n int
		if _, err := fmt.Sscanf(k, "FR%d", &n); err != nil || n < 1 || n > 7 || k != fmt.Sprintf("FR%d", n) {
			return fmt.Errorf("security level vector: unknown key %q", k)
		}
		out[n-1] = l
	}
	*v = out
	return nil
}

// Assessment dates lie between FirstAsOf and LastAsOf: the policies
// compute with times in nanoseconds since 1970 (Rego's time builtins),
// which hold no date before 1677 or after 2262, and no evidence predates
// 1970.
const (
	FirstAsOf = "1970-01-01"
	LastAsOf  = "2262-04-10"
)

// AsOfInRange reports whether day, YYYY-MM-DD, is a date an assessment
// can be evaluated on (see FirstAsOf).
func AsOfInRange(day string) bool {
	return len(day) == len(FirstAsOf) && day >= FirstAsOf && day <= LastAsOf
}
