package evidence

import (
	"encoding/json"
	"fmt"
)

// AttestationKind is the evidence kind of recorded attestations.
const AttestationKind = "attestation"

// Attestation verdicts.
const (
	VerdictPass          = "pass"
	VerdictFail          = "fail"
	VerdictNotApplicable = "not_applicable"
)

// Verdicts lists the verdicts an attestation may record.
var Verdicts = []string{VerdictPass, VerdictFail, VerdictNotApplicable}

// Attestation scopes: what an attestation holds for. Every attestation
// names one; none is never read as the whole site.
const (
	// ScopeZones: the zones listed in Zones, where it was examined.
	ScopeZones = "zones"
	// ScopeSite: every zone of the site, like a site security policy.
	ScopeSite = "site"
)

// Attestation is a person's recorded verdict on one requirement in some
// zones: what evidence they examined (a document, a photo, an interview),
// who they are, when they attested and until when it holds. It decides
// requirements that no evidence file can speak to, and the part of others
// that checks cannot see.
type Attestation struct {
	// ID is the attestation's name (HCL block label) or "row N" (CSV),
	// unique within its document.
	ID string `json:"id"`
	// Requirement is qualified: "iec62443-3-3:SR 1.9".
	Requirement string `json:"requirement"`
	// Scope is "zones" when the verdict holds for the zones listed in
	// Zones only, "site" when it holds for every zone of the site.
	Scope string `json:"scope"`
	// Zones the verdict holds for, sorted; empty when Scope is "site".
	Zones   []string `json:"zones"`
	Verdict string   `json:"verdict"`
	// Evidence references what was examined ("Procedure OT-SEC-07 rev 3",
	// "photo P-0142", "interview with the shift lead").
	Evidence string `json:"evidence"`
	// EvidenceType is document, photo, interview, observation or other.
	EvidenceType string `json:"evidence_type"`
	AttestedBy   string `json:"attested_by"`
	// Date the attestation was made and the date it expires, YYYY-MM-DD.
	Date    string `json:"date"`
	Expires string `json:"expires"`
	Note    string `json:"note,omitempty"`
	// Severity, Owner and Remediation describe the gap a failed
	// attestation opens; empty means the requirement's defaults.
	Severity    string `json:"severity,omitempty"`
	Owner       string `json:"owner,omitempty"`
	Remediation string `json:"remediation,omitempty"`
	// File and Line locate the attestation in its input file.
	File string `json:"file"`
	Line int    `json:"line"`
}

// AttestationData is the data of an attestation document.
type AttestationData struct {
	Attestations []Attestation `json:"attestations"`
}

// DecodeAttestations returns the attestations of a document of kind
// AttestationKind.
func DecodeAttestations(d Document) ([]Attestation, error) {
	var data AttestationData
	if err := json.Unmarshal(d.Data, &data); err != nil {
		return nil, fmt.Errorf("evidence document %s: %w", d.ID, err)
	}
	return data.Attestations, nil
}
