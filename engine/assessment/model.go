package assessment

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Framework ids an assessment may select.
const (
	FrameworkIEC62443 = "iec62443-3-3"
	FrameworkNIST     = "nist-800-82r3"
)

// Assessment is a loaded and checked assessment file. Every list is sorted
// by name so that later stages see the same order on every run.
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
	Waivers     []Waiver `json:"-"`
	Outputs     Outputs  `json:"-"`
	// Warnings are problems that did not stop the load, in file order, for
	// the CLI to print; those that depend on the assessment date are left
	// to DateWarnings.
	Warnings hcl.Diagnostics `json:"-"`
	// collected and expiries are the dates DateWarnings checks.
	collected []sourceDate
	expiries  []elemString
}

// Framework is one `framework` block.
type Framework struct {
	ID string `json:"id"`
	// Baseline is low, moderate or high for nist-800-82r3, "" otherwise.
	Baseline string `json:"baseline,omitempty"`
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
