package attestation

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/slate-ot/slate/collectors/internal/textin"
	"github.com/slate-ot/slate/evidence"
)

const (
	// Kind is the evidence kind, the first label of a `source "attestation"`
	// block.
	Kind = evidence.AttestationKind
	// Version is the collector version recorded in provenance. Change it
	// when the same input would give different evidence.
	Version = "1.0.0"
	// maxFileSize bounds one input file; attestations are written by hand.
	maxFileSize = 16 << 20
)

// Options are the attributes a source block of this kind may set besides
// files: none, the files say everything.
var Options = []string{}

// Collector reads attestation files. It holds no state; one value may
// collect several sources at once.
type Collector struct{}

// New returns an attestation collector.
func New() *Collector { return &Collector{} }

// run is the state of one Collect call.
type run struct {
	src      evidence.Source
	reqs     requirements
	prov     evidence.Provenance
	data     evidence.AttestationData
	problems problems
	// ids maps each attestation id to the place it was first recorded.
	ids map[string]string
	// csvFiles is how many CSV files the source has; row ids name their
	// file when there is more than one.
	csvFiles int
}

// Collect reads every file of src. Every problem in the files is reported
// at once, as an *Error naming file, line and (in HCL) column, which
// unwraps to an *evidence.InputError. A file without attestations is a
// warning.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	if len(src.Options) > 0 {
		return evidence.Document{}, fmt.Errorf("source %s.%s: an attestation source takes no options besides files; remove %s",
			src.Kind, src.Name, strings.Join(slices.Sorted(maps.Keys(src.Options)), ", "))
	}
	reqs, err := loadRequirements()
	if err != nil {
		return evidence.Document{}, err
	}
	r := &run{src: src, reqs: reqs, ids: map[string]string{}}
	r.prov.Collector, r.prov.CollectorVersion = Kind, Version
	var files []string
	for _, path := range src.UniqueFiles() {
		files = append(files, path)
		if formatOf(path) == "csv" {
			r.csvFiles++
		}
	}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return evidence.Document{}, err
		}
		if err := r.file(ctx, path); err != nil {
			return evidence.Document{}, err
		}
	}
	if err := r.problems.err(); err != nil {
		return evidence.Document{}, err
	}
	// In reading order; ids break ties between the attestations of one
	// block.
	slices.SortFunc(r.data.Attestations, func(a, b evidence.Attestation) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.ID, b.ID))
	})
	if r.data.Attestations == nil {
		r.data.Attestations = []evidence.Attestation{}
	}
	return evidence.NewDocument(src, r.prov, r.data)
}

// formatOf returns "hcl" or "csv" from a file's extension, or "".
func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".hcl":
		return "hcl"
	case ".csv":
		return "csv"
	}
	return ""
}

// file reads one input file. Problems in it are collected in r; the error
// returned is only cancellation.
func (r *run) file(ctx context.Context, path string) error {
	fr := &fileRun{run: r, rel: evidence.RelPath(r.src.Dir, path)}
	raw, err := readFile(path)
	if err != nil {
		fr.errorf(pos{}, "Cannot read file", "%s.", sentence(err))
		return nil
	}
	sum := sha256.Sum256(raw)
	r.prov.Files = append(r.prov.Files, evidence.File{Path: fr.rel, Size: int64(len(raw)), SHA256: hex.EncodeToString(sum[:])})

	format := formatOf(path)
	if format == "" {
		fr.errorf(pos{}, "Unknown file type",
			"Attestation files are HCL (.hcl) or CSV (.csv), chosen by extension; rename the file or leave it out of the source's files.")
		return nil
	}
	// CSV may come from a spreadsheet saved in the Windows code page; HCL
	// is UTF-8 by definition.
	decoded, encoding, err := textin.Decode(raw, textin.Options{Legacy: format == "csv"})
	if err != nil {
		at := pos{}
		if te, ok := errors.AsType[*textin.Error](err); ok {
			at = pos{line: te.Line, col: te.Column}
			if te.Line == 0 && te.Offset > 0 {
				at.line, _ = evidence.LineCol(raw, te.Offset)
			}
		}
		fr.errorf(at, "Not a text file", "%s.", sentence(err))
		return nil
	}
	if encoding == textin.Windows1252 {
		fr.warnf(pos{}, "%s", textin.LegacyWarning)
	}
	text := string(decoded)
	before := len(r.data.Attestations)
	problemsBefore := r.problems.count()
	switch format {
	case "hcl":
		fr.hcl(text)
	case "csv":
		fr.csv = true
		if err := fr.readCSV(ctx, text); err != nil {
			return err
		}
	}
	if len(r.data.Attestations) == before && r.problems.count() == problemsBefore {
		fr.warnf(pos{}, "the file holds no attestations")
	}
	return nil
}

// readFile reads a file of at most maxFileSize bytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, pathError(err)
	}
	if len(raw) > maxFileSize {
		return nil, fmt.Errorf("the file is larger than %d MiB, more than attestations written by hand need; split it", maxFileSize>>20)
	}
	return raw, nil
}

// pathError drops the absolute path an *fs.PathError repeats: problems
// name the file relative to the assessment.
func pathError(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		err = pe.Err
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("the file does not exist")
		}
	}
	return err
}

// sentence turns an error message into the start of a sentence.
func sentence(err error) string {
	s := err.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
