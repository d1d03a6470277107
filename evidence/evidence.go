package evidence

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
)

// BundleFormat names the version of the bundle layout. A reader refuses any
// other value, so a change to the layout must change it.
const BundleFormat = "slate.evidence/v1"

// Source is what a collector is asked to read: one `source` block of the
// assessment file, with its globs already resolved to files.
type Source struct {
	// Kind is the collector kind, the block's first label ("assets").
	Kind string
	// Name is the block's second label, unique among sources.
	Name string
	// Dir is the absolute directory of the assessment file. Paths recorded
	// in evidence are relative to it.
	Dir string
	// Files are the matched input files, absolute, sorted.
	Files []string
	// Options are the block's other attributes, decoded to plain Go values
	// (string, bool, json.Number, []any, map[string]any).
	Options map[string]any
	// Zones give the network context collectors use to place what they see.
	Zones []Zone
	// FingerprintKey keys Fingerprint for this run's secrets. The engine
	// takes it from SLATE_FINGERPRINT_KEY or the site's key file
	// (.slate/fingerprint.key beside the assessment file); it never enters
	// any output. Empty means no fingerprints: secrets get a class only.
	FingerprintKey []byte
}

// UniqueFiles returns Files with each file once, in their order: a file
// two globs matched is read once.
func (s Source) UniqueFiles() []string {
	out := make([]string, 0, len(s.Files))
	seen := make(map[string]bool, len(s.Files))
	for _, f := range s.Files {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// Zone is the part of an assessment zone that collectors need to assign
// evidence records to zones.
type Zone struct {
	Name     string
	Networks []netip.Prefix
	VLANs    []int
}

// ZoneOf returns the zone whose networks contain addr, choosing the most
// specific prefix when networks nest, and "" when none does.
func ZoneOf(zones []Zone, addr netip.Addr) string {
	best, bestBits := "", -1
	for _, z := range zones {
		for _, p := range z.Networks {
			if p.Contains(addr) && p.Bits() > bestBits {
				best, bestBits = z.Name, p.Bits()
			}
		}
	}
	return best
}

// Document is the evidence one collector produced from one source.
type Document struct {
	// ID is "<kind>/<source name>", unique in a bundle and stable across runs.
	ID         string     `json:"id"`
	Kind       string     `json:"kind"`
	Source     string     `json:"source"`
	Provenance Provenance `json:"provenance"`
	// Data is the collector's typed record set in canonical JSON. Policies
	// see it as input.evidence.<kind>[_].data.
	Data json.RawMessage `json:"data"`
	// canonical is Data as NewDocument made it, canonical JSON already:
	// while Data is still that slice, encoding the bundle copies it as it
	// is instead of making it canonical again.
	canonical json.RawMessage
}

// isCanonical reports whether Data is still the canonical JSON
// NewDocument made.
func (d Document) isCanonical() bool {
	return len(d.Data) > 0 && len(d.Data) == len(d.canonical) && &d.Data[0] == &d.canonical[0]
}

// Provenance says where a document came from and how completely it was read.
type Provenance struct {
	Collector        string    `json:"collector"`
	CollectorVersion string    `json:"collector_version"`
	Files            []File    `json:"files"`
	RecordsRead      int       `json:"records_read"`
	RecordsSkipped   int       `json:"records_skipped"`
	Warnings         []Warning `json:"warnings"`
	// Incomplete is set when an input could only be read in part (a
	// truncated capture); policies may treat such evidence with care.
	Incomplete bool `json:"incomplete"`
	// EvidenceDate is the day (YYYY-MM-DD, UTC) the content shows the
	// evidence to be current, for collectors whose input carries a date of
	// its own (a capture: its last packet); "" when it carries none. It
	// is read from the content, never from a file's modification time, so
	// that a re-run gives the same bytes. A source's max_age is held
	// against it.
	EvidenceDate string `json:"evidence_date,omitempty"`
	// ObservedFrom and ObservedTo bound the observation window of evidence
	// that watches the plant over time (a capture: its first and last
	// packet over all its files), RFC 3339 with nanoseconds, UTC; "" when
	// the content has no times. Absence of something on the wire is judged
	// only over a window long enough (a pcap source's min_observation).
	ObservedFrom string `json:"observed_from,omitempty"`
	ObservedTo   string `json:"observed_to,omitempty"`
	// SnapshotDigest identifies a set of input files read as one
	// snapshot (an advisory collection): "sha256:" over their digests and
	// paths; "" for collectors that read no snapshot.
	SnapshotDigest string `json:"snapshot_digest,omitempty"`
}

// File identifies one input file by content.
type File struct {
	// Path is relative to the assessment directory, with forward slashes.
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Warning is a problem in an input that did not stop the collector. It names
// a place: a line for text files, a byte offset for binary ones.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Offset  int64  `json:"offset,omitempty"`
	Message string `json:"message"`
}

// String renders the warning the way users see places everywhere in slate.
func (w Warning) String() string { return place(w.File, w.Line, w.Offset, w.Message) }

// place renders "file:line: msg", "file: byte n: msg" or "file: msg".
func place(file string, line int, offset int64, msg any) string {
	switch {
	case line > 0:
		return fmt.Sprintf("%s:%d: %v", file, line, msg)
	case offset > 0:
		return fmt.Sprintf("%s: byte %d: %v", file, offset, msg)
	default:
		return fmt.Sprintf("%s: %v", file, msg)
	}
}

// NewDocument builds a document for src from a collector's typed data,
// encoding data canonically and sorting the provenance lists.
func NewDocument(src Source, prov Provenance, data any) (Document, error) {
	raw, err := Canonical(data)
	if err != nil {
		return Document{}, fmt.Errorf("encode %s/%s evidence: %w", src.Kind, src.Name, err)
	}
	return NewDocumentJSON(src, prov, raw), nil
}

// NewDocumentJSON builds a document for src from data a collector encoded
// itself, as canonical JSON: the bytes Canonical gives for its typed data
// (traffic.Encode writes them without holding the document three times
// over). raw is kept, not copied or checked; the collector's tests hold
// it to Canonical's bytes.
func NewDocumentJSON(src Source, prov Provenance, raw []byte) Document {
	prov.sort()
	return Document{
		ID:         src.Kind + "/" + src.Name,
		Kind:       src.Kind,
		Source:     src.Name,
		Provenance: prov,
		Data:       raw,
		canonical:  raw,
	}
}

func (p *Provenance) sort() {
	if p.Files == nil {
		p.Files = []File{}
	}
	if p.Warnings == nil {
		p.Warnings = []Warning{}
	}
	slices.SortFunc(p.Files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	slices.SortStableFunc(p.Warnings, func(a, b Warning) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Offset, b.Offset), cmp.Compare(a.Message, b.Message))
	})
}

// Ref points a finding at the evidence behind it: a document and, within
// it, one record, optionally with the file and line the record came from.
type Ref struct {
	Document string `json:"document"`
	Record   string `json:"record,omitempty"`
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
}
