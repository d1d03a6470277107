package evidence

import "slices"

// Finding severities, from least to most severe.
const (
	SeverityInfo     = "info"
	SeverityLow      = "low"
	SeverityMedium   = "medium"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// Severities lists every severity a check, a finding or an attestation may
// name, least severe first: the index is the rank. It is the one list;
// every other package and the policies (data.slate.vocab.severities) ask
// it.
var Severities = []string{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}

// SeverityRank returns the rank of severity s (info 0 … critical 4), or -1
// when s is not a severity.
func SeverityRank(s string) int { return slices.Index(Severities, s) }

// SeveritiesWorstFirst lists the severities most severe first, the order
// reports show them in.
func SeveritiesWorstFirst() []string {
	out := slices.Clone(Severities)
	slices.Reverse(out)
	return out
}

// Owners: who fixes a finding, and who owns a zone.
const (
	OwnerCISO = "CISO"
	OwnerIT   = "IT"
	OwnerOT   = "OT"
)

// Owners lists every owner a zone, a check, a finding or an attestation
// may name, sorted. It is the one list (data.slate.vocab.owners in Rego).
var Owners = []string{OwnerCISO, OwnerIT, OwnerOT}
