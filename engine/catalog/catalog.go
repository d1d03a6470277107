// Package catalog holds the control catalogs slate assesses against — IEC
// 62443-3-3 (SRs, REs and their SL-C levels) and NIST SP 800-53r5 with its
// SP 800-53B baselines — and the mapping between them. The data is
// embedded; data/SOURCES.md says where each piece came from.
//
// The NIST data file is named for the SP 800-82r3 OT overlay it was meant
// to hold, but no machine-readable overlay was found: its baselines are the
// SP 800-53B ones, and the overlay's tailoring (additions, removals, the
// unverified candidates it lists) is not applied. Nothing here may be
// presented as the overlay (docs/mapping.md, "What is missing").
package catalog

import (
	"cmp"
	"embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// Framework prefixes of qualified requirement ids ("iec62443-3-3:SR 7.8").
const (
	IEC  = "iec62443-3-3"
	NIST = "nist-800-53r5"
)

//go:embed data/*.json data/SOURCES.md
var data embed.FS

// Requirement is one IEC SR/RE or one NIST control or enhancement.
type Requirement struct {
	Framework string `json:"framework"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	// FR is the IEC foundational requirement ("FR5"); for NIST the family ("SC").
	FR string `json:"fr"`
	// Kind is SR or RE (IEC), control or enhancement (NIST).
	Kind string `json:"kind"`
	// BaseSR is the SR an RE enhances.
	BaseSR string `json:"base_sr,omitempty"`
	// SL lists the IEC SL-C levels at which the requirement is selected.
	SL []int `json:"sl,omitempty"`
	// MinSL is the first of them; 0 for NIST.
	MinSL int `json:"min_sl,omitempty"`
	// Baselines lists the SP 800-53B baselines (low, moderate, high) that
	// select a NIST control.
	Baselines []string `json:"baselines,omitempty"`
	Summary   string   `json:"summary,omitempty"`
}

// Key returns the qualified id "framework:id".
func (r Requirement) Key() string { return r.Framework + ":" + r.ID }

// FoundationalRequirement is one of IEC 62443's FR1–FR7.
type FoundationalRequirement struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Catalog is the parsed, embedded catalog set.
type Catalog struct {
	FRs        []FoundationalRequirement
	IEC        []Requirement // in catalog order (SR 1.1, SR 1.1 RE 1, …)
	NIST       []Requirement // in catalog order
	byKey      map[string]int
	nistTitles map[string]string // ids outside the baselines, from the mapping
	iecToNIST  map[string][]string
	nistToIEC  map[string][]string
	rollUp     map[string][]string // IEC id → NIST ids of the curated rows
}

// Load returns the embedded catalog, parsed once.
var Load = sync.OnceValues(load)

func load() (*Catalog, error) {
	var iec struct {
		FRs          []FoundationalRequirement `json:"foundational_requirements"`
		Requirements []struct {
			ID, FR, Kind, Title, Summary string
			BaseSR                       *string `json:"base_sr"`
			SL                           []int   `json:"sl"`
			MinSL                        int     `json:"min_sl"`
		} `json:"requirements"`
	}
	var nist struct {
		Controls []struct {
			ID, Title, Family, Kind string
			Baselines               []string `json:"baselines_800_53b"`
			OTNote                  string   `json:"ot_note"`
		} `json:"controls"`
	}
	var mapping struct {
		Rows []struct {
			IEC       string `json:"iec"`
			NIST      string `json:"nist"`
			NISTTitle string `json:"nist_title"`
			Source    string `json:"source"`
		} `json:"rows"`
		IECToNIST map[string][]string `json:"iec_to_nist"`
		NISTToIEC map[string][]string `json:"nist_to_iec"`
	}
	for name, v := range map[string]any{
		"data/iec62443-3-3.json":             &iec,
		"data/nist-800-82r3-ot-overlay.json": &nist,
		"data/mapping-62443-800-53.json":     &mapping,
	} {
		raw, err := data.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, v); err != nil {
			return nil, fmt.Errorf("catalog %s: %w", name, err)
		}
	}
	c := &Catalog{FRs: iec.FRs, byKey: map[string]int{}, nistTitles: map[string]string{},
		iecToNIST: mapping.IECToNIST, nistToIEC: mapping.NISTToIEC, rollUp: map[string][]string{}}
	for _, r := range iec.Requirements {
		req := Requirement{Framework: IEC, ID: r.ID, Title: r.Title, FR: r.FR, Kind: r.Kind,
			SL: r.SL, MinSL: r.MinSL, Summary: r.Summary}
		if r.BaseSR != nil {
			req.BaseSR = *r.BaseSR
		}
		c.byKey[req.Key()] = len(c.IEC)
		c.IEC = append(c.IEC, req)
	}
	for _, r := range nist.Controls {
		req := Requirement{Framework: NIST, ID: r.ID, Title: r.Title, FR: r.Family, Kind: r.Kind,
			Baselines: r.Baselines, Summary: r.OTNote}
		c.byKey[req.Key()] = len(c.NIST)
		c.NIST = append(c.NIST, req)
	}
	for _, row := range mapping.Rows {
		if _, ok := c.byKey[NIST+":"+row.NIST]; !ok {
			c.nistTitles[row.NIST] = row.NISTTitle
		}
		if row.Source == RollUpSource && !slices.Contains(c.rollUp[row.IEC], row.NIST) && notRolledUp[row.IEC+" > "+row.NIST] == "" {
			c.rollUp[row.IEC] = append(c.rollUp[row.IEC], row.NIST)
		}
	}
	if len(c.IEC) != 100 {
		return nil, fmt.Errorf("catalog: %d IEC 62443-3-3 requirements, want 100", len(c.IEC))
	}
	return c, nil
}

// Known reports whether a qualified id names a requirement of a catalog,
// including NIST controls outside the baselines that the mapping cites.
func (c *Catalog) Known(key string) bool {
	if _, ok := c.byKey[key]; ok {
		return true
	}
	id, ok := strings.CutPrefix(key, NIST+":")
	return ok && c.nistTitles[id] != ""
}

// Lookup returns the requirement with a qualified id. NIST controls outside
// the baselines come back with their title only.
func (c *Catalog) Lookup(key string) (Requirement, bool) {
	if i, ok := c.byKey[key]; ok {
		if strings.HasPrefix(key, IEC+":") {
			return c.IEC[i], true
		}
		return c.NIST[i], true
	}
	if id, ok := strings.CutPrefix(key, NIST+":"); ok && c.nistTitles[id] != "" {
		fam, _, _ := strings.Cut(id, "-")
		kind := "control"
		if strings.Contains(id, "(") {
			kind = "enhancement"
		}
		return Requirement{Framework: NIST, ID: id, Title: c.nistTitles[id], FR: fam, Kind: kind}, true
	}
	return Requirement{}, false
}

// Baseline returns the NIST controls in an SP 800-53B baseline (low,
// moderate or high), in catalog order.
func (c *Catalog) Baseline(level string) []Requirement {
	var out []Requirement
	for _, r := range c.NIST {
		if slices.Contains(r.Baselines, level) {
			out = append(out, r)
		}
	}
	return out
}

// Qualify turns a requirement id as people write it into a qualified key:
// "SR 7.8" → "iec62443-3-3:SR 7.8", "CM-8" → "nist-800-53r5:CM-8". A
// qualified id is returned unchanged.
func Qualify(id string) string {
	id = strings.TrimSpace(id)
	switch {
	case strings.Contains(id, ":"):
		return id
	case strings.HasPrefix(id, "SR "):
		return IEC + ":" + id
	default:
		return NIST + ":" + id
	}
}

// NISTFor returns the NIST controls the mapping relates to an IEC id.
func (c *Catalog) NISTFor(iecID string) []string { return slices.Clone(c.iecToNIST[iecID]) }

// RollUpSource is the mapping source whose rows carry IEC results over to
// NIST controls: the rows curated for slate from the requirements' intent.
// The other sources (ATT&CK for ICS co-citations, CSF 1.1 informative
// references) relate requirements too loosely to decide a control.
const RollUpSource = "curated"

// notRolledUp are curated rows that relate the two requirements as a whole
// but along which a check result must not travel: the control covers a
// part of the IEC requirement that no check of it can see. The value says
// why (docs/mapping.md repeats it).
var notRolledUp = map[string]string{
	"SR 4.1 > SC-28":         "SR 4.1 covers information in transit and at rest; SC-28 is at rest only, while the checks see transit",
	"SR 4.1 RE 1 > SC-28(1)": "the checks see information in transit (captures), never at rest",
	"SR 4.3 > SC-12":         "key establishment and management is not visible in configurations or captures",
	"SR 2.8 > AU-3":          "a log destination says nothing about the content of audit records",
	"SR 6.1 > AU-7":          "audit reduction and report generation is a property of the log platform, not of the devices",
}

// NotRolledUp returns the curated rows ("SR x > CTRL") that RollUp leaves
// out, with the reason.
func NotRolledUp() map[string]string { return maps.Clone(notRolledUp) }

// RollUp returns the NIST controls, as qualified keys, that a check of the
// IEC requirement iecID also speaks to through the curated mapping rows.
func (c *Catalog) RollUp(iecID string) []string {
	out := make([]string, 0, len(c.rollUp[iecID]))
	for _, id := range c.rollUp[iecID] {
		out = append(out, NIST+":"+id)
	}
	c.SortKeys(out)
	return out
}

// IECFor returns the IEC requirements the mapping relates to a NIST id.
func (c *Catalog) IECFor(nistID string) []string { return slices.Clone(c.nistToIEC[nistID]) }

// SortKeys sorts qualified ids in catalog order, unknown ids last by name.
func (c *Catalog) SortKeys(keys []string) {
	rank := func(k string) (int, int) {
		i, ok := c.byKey[k]
		switch {
		case !ok:
			return 2, 0
		case strings.HasPrefix(k, IEC+":"):
			return 0, i
		default:
			return 1, i
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ga, ia := rank(a)
		gb, ib := rank(b)
		return cmp.Or(cmp.Compare(ga, gb), cmp.Compare(ia, ib), cmp.Compare(a, b))
	})
}
