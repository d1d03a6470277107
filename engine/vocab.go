package engine

import (
	"encoding/json"

	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
)

// Vocab is what policies read at data.slate.vocab: the lists whose one
// definition is in Go (severities and owners in evidence, requirement
// statuses in engine/scorecard, attestation verdicts in evidence), so
// that no policy keeps a copy. Severities are least severe first.
type Vocab struct {
	Severities []string `json:"severities"`
	Owners     []string `json:"owners"`
	Statuses   []string `json:"statuses"`
	Verdicts   []string `json:"verdicts"`
}

// Vocabulary returns the vocabulary from its Go definitions.
func Vocabulary() Vocab {
	return Vocab{
		Severities: evidence.Severities,
		Owners:     evidence.Owners,
		Statuses:   scorecard.Statuses,
		Verdicts:   evidence.Verdicts,
	}
}

// VocabData returns the data document that puts the vocabulary at
// data.slate.vocab, as canonical JSON. policies/vocab.json holds the same
// bytes (written by `go run ./cmd/docgen`) so that the plain `opa test`
// and `opa eval` CLIs see what the engine gives the policies.
func VocabData() ([]byte, error) {
	return evidence.Canonical(map[string]any{"slate": map[string]any{"vocab": Vocabulary()}})
}

// vocabStore returns a store holding VocabData, for evaluation and tests.
func vocabStore() (storage.Store, error) {
	doc, err := vocabDoc()
	if err != nil {
		return nil, err
	}
	return inmem.NewFromObject(doc), nil
}

// vocabDoc returns VocabData decoded, a fresh copy on each call.
func vocabDoc() (map[string]any, error) {
	raw, err := VocabData()
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	return doc, nil
}
