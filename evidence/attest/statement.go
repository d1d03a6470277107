package attest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/slate-ot/slate/evidence"
)

// In-toto and DSSE identifiers.
const (
	// StatementType is the in-toto Statement v1 type.
	StatementType = "https://in-toto.io/Statement/v1"
	// PredicateType names slate's predicate; pass it to `cosign
	// verify-blob-attestation --type`.
	PredicateType = "https://slate-ot.dev/scorecard/v1"
	// PayloadType is the DSSE payload type of an in-toto statement.
	PayloadType = "application/vnd.in-toto+json"
)

// Statement is an in-toto Statement v1 with slate's predicate.
type Statement struct {
	Type          string    `json:"_type"`
	Subject       []Subject `json:"subject"`
	PredicateType string    `json:"predicateType"`
	Predicate     Predicate `json:"predicate"`
}

// Subject is one signed file: its name in the output directory and its
// digest.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Predicate ties the signed files to what produced them. Every field is
// read from the signed scorecard.json, so the two cannot disagree.
type Predicate struct {
	Assessment PredicateAssessment `json:"assessment"`
	Engine     PredicateEngine     `json:"engine"`
	// Digests are the scorecard's: "sha256:<hex>" of the evidence bundle,
	// the policy set and the assessment file.
	Digests PredicateDigests `json:"digests"`
	// Inputs are the evidence files the bundle was collected from, paths
	// relative to the assessment file, sorted by path.
	Inputs []Input `json:"inputs"`
}

// PredicateAssessment identifies the assessment.
type PredicateAssessment struct {
	Name string `json:"name"`
	Site string `json:"site"`
	File string `json:"file"`
	AsOf string `json:"as_of"`
}

// PredicateEngine names the program and version that made the scorecard;
// a re-run needs the same version to reproduce its bytes.
type PredicateEngine struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// PredicateDigests are the scorecard's digests of its inputs.
type PredicateDigests struct {
	Bundle     string `json:"bundle"`
	Policies   string `json:"policies"`
	Assessment string `json:"assessment"`
}

// Input is one evidence file.
type Input struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// scorecardFields is the part of scorecard.json the predicate is made of.
// attest reads it on its own rather than through engine/scorecard, so the
// signing layer does not depend on the engine.
type scorecardFields struct {
	Assessment *struct {
		Name string `json:"name"`
		Site string `json:"site"`
		AsOf string `json:"as_of"`
		File string `json:"file"`
	} `json:"assessment"`
	Engine  *PredicateEngine  `json:"engine"`
	Digests *PredicateDigests `json:"digests"`
	// Evidence lists the bundle's documents with their input files.
	Evidence []struct {
		Files []evidence.File `json:"files"`
	} `json:"evidence"`
}

// PredicateFromScorecard reads the predicate out of the bytes of a
// scorecard.json. name is used in errors.
func PredicateFromScorecard(name string, raw []byte) (Predicate, error) {
	var sc scorecardFields
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&sc); err != nil {
		return Predicate{}, fmt.Errorf("%s: %w", name, err)
	}
	if sc.Assessment == nil || sc.Engine == nil || sc.Digests == nil {
		return Predicate{}, fmt.Errorf("%s: not a slate scorecard (assessment, engine or digests missing)", name)
	}
	p := Predicate{
		Assessment: PredicateAssessment{Name: sc.Assessment.Name, Site: sc.Assessment.Site, File: sc.Assessment.File, AsOf: sc.Assessment.AsOf},
		Engine:     *sc.Engine,
		Digests:    *sc.Digests,
		Inputs:     []Input{},
	}
	for _, ev := range sc.Evidence {
		for _, f := range ev.Files {
			p.Inputs = append(p.Inputs, Input{Path: f.Path, Size: f.Size, SHA256: f.SHA256})
		}
	}
	// Two sources may read the same file; list it once.
	slices.SortFunc(p.Inputs, func(a, b Input) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.SHA256, b.SHA256), cmp.Compare(a.Size, b.Size))
	})
	p.Inputs = slices.Compact(p.Inputs)
	return p, nil
}

// NewStatement returns the statement for files (name → bytes) with
// predicate p; subjects are sorted by name.
func NewStatement(files map[string][]byte, p Predicate) Statement {
	st := Statement{Type: StatementType, PredicateType: PredicateType, Predicate: p, Subject: []Subject{}}
	for _, name := range sortedKeys(files) {
		st.Subject = append(st.Subject, Subject{Name: name, Digest: map[string]string{"sha256": sha256Hex(files[name])}})
	}
	return st
}

// Encode returns the statement's canonical JSON, the DSSE payload.
func (st Statement) Encode() ([]byte, error) { return evidence.Canonical(st) }

// decodeStatement parses a verified DSSE payload. Unknown fields are
// refused: what slate signed, slate reads back in full.
func decodeStatement(raw []byte) (Statement, error) {
	var st Statement
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&st); err != nil {
		return Statement{}, fmt.Errorf("in-toto statement: %w", err)
	}
	if dec.More() {
		return Statement{}, fmt.Errorf("in-toto statement: data after the statement")
	}
	if st.Type != StatementType {
		return Statement{}, fmt.Errorf("in-toto statement: _type %q is not %q", st.Type, StatementType)
	}
	if st.PredicateType != PredicateType {
		return Statement{}, fmt.Errorf("in-toto statement: predicateType %q is not %q", st.PredicateType, PredicateType)
	}
	return st, nil
}
