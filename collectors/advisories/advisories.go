package advisories

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/slate-ot/slate/collectors/internal/schemaerr"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
)

const (
	// Kind is the evidence kind, the first label of a `source "advisories"` block.
	Kind = "advisories"
	// Version is the collector version recorded in provenance.
	Version = "1.0.0"
)

// Options: a source block of this kind sets files and max_file_mib (the
// size limit of one advisory, DefaultMaxFileMiB).
var Options = []string{evidence.MaxFileOption}

// Data is the document data: what policies see as
// input.evidence.advisories[_].data.
type Data struct {
	advisory.Data
	// SnapshotDigest identifies the set of advisory files read: the
	// SHA-256 of their paths and digests, one "sha256  path" line each,
	// sorted by path. Two runs over the same snapshot give the same value.
	SnapshotDigest string `json:"snapshot_digest"`
}

// Collector reads CSAF advisories. It holds no state.
type Collector struct{}

// New returns an advisory collector.
func New() *Collector { return &Collector{} }

//go:embed schema/*.json
var schemaFiles embed.FS

var (
	schemaOnce sync.Once
	csafSchema *jsonschema.Schema
	schemaErr  error
)

// schemaURLs are where the CSAF schema and the schemas it references live;
// they are served from the embedded copies, never fetched.
var schemaURLs = map[string]string{
	"https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json": "schema/csaf_json_schema.json",
	"https://www.first.org/cvss/cvss-v2.0.json":                        "schema/cvss-v2.0.json",
	"https://www.first.org/cvss/cvss-v3.0.json":                        "schema/cvss-v3.0.json",
	"https://www.first.org/cvss/cvss-v3.1.json":                        "schema/cvss-v3.1.json",
}

// Schema returns the compiled CSAF 2.0 schema.
func Schema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		c := jsonschema.NewCompiler()
		for _, url := range slices.Sorted(mapsKeys(schemaURLs)) {
			raw, err := schemaFiles.ReadFile(schemaURLs[url])
			if err != nil {
				schemaErr = err
				return
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				schemaErr = fmt.Errorf("schema %s: %w", url, err)
				return
			}
			if err := c.AddResource(url, doc); err != nil {
				schemaErr = err
				return
			}
		}
		csafSchema, schemaErr = c.Compile("https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json")
	})
	return csafSchema, schemaErr
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Collect reads every file of src. A file that is not a valid CSAF 2.0
// document is an *evidence.InputError; when several are not, every one is
// reported (an *evidence.InputErrors) and no document is returned.
func (c *Collector) Collect(ctx context.Context, src evidence.Source) (evidence.Document, error) {
	if err := ctx.Err(); err != nil {
		return evidence.Document{}, err
	}
	sch, err := Schema()
	if err != nil {
		return evidence.Document{}, fmt.Errorf("csaf schema: %w", err)
	}
	limit, err := evidence.FileLimit(src, DefaultMaxFileMiB)
	if err != nil {
		return evidence.Document{}, fmt.Errorf("source %s.%s: %w", src.Kind, src.Name, err)
	}
	prov := evidence.Provenance{Collector: Kind, CollectorVersion: Version}
	data := Data{Data: advisory.Data{Advisories: []advisory.Advisory{}}}
	var bad evidence.InputErrors
	for _, path := range src.UniqueFiles() {
		if err := ctx.Err(); err != nil {
			return evidence.Document{}, err
		}
		rel := evidence.RelPath(src.Dir, path)
		a, file, err := readFile(sch, src.Dir, path, rel, limit)
		if err != nil {
			bad.Add(err)
			continue
		}
		prov.Files = append(prov.Files, file)
		prov.RecordsRead++
		data.Advisories = append(data.Advisories, a)
	}
	if err := bad.Err(); err != nil {
		return evidence.Document{}, err
	}
	slices.SortFunc(data.Advisories, func(a, b advisory.Advisory) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.File, b.File))
	})
	files := slices.Clone(prov.Files)
	slices.SortFunc(files, func(a, b evidence.File) int { return cmp.Compare(a.Path, b.Path) })
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s  %s\n", f.SHA256, f.Path)
	}
	data.SnapshotDigest = "sha256:" + hex.EncodeToString(h.Sum(nil))
	prov.SnapshotDigest = data.SnapshotDigest
	for _, a := range data.Advisories {
		for _, p := range a.Products {
			if p.Range != nil && p.Range.Problem != "" {
				prov.Warnings = append(prov.Warnings, evidence.Warning{File: a.File,
					Message: fmt.Sprintf("%s product %s: range %q: %s", a.ID, p.ID, p.Range.Raw, p.Range.Problem)})
			}
		}
	}
	return evidence.NewDocument(src, prov, data)
}

// DefaultMaxFileMiB bounds one advisory file: the largest vendor CSAF
// documents, with product trees of thousands of firmware versions, are a
// few MiB.
const DefaultMaxFileMiB = 64

// readFile reads (at most limit bytes) and validates one advisory.
func readFile(sch *jsonschema.Schema, dir, path, rel string, limit int64) (advisory.Advisory, evidence.File, error) {
	file, raw, err := evidence.ReadLimited(dir, path, limit)
	if err != nil {
		if pe, ok := errors.AsType[*fs.PathError](err); ok {
			err = pe.Err
		}
		return advisory.Advisory{}, evidence.File{}, &evidence.InputError{Path: rel, Err: err}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return advisory.Advisory{}, file, &evidence.InputError{Path: rel, Line: jsonLine(raw, err),
			Err: fmt.Errorf("not JSON, so not a CSAF 2.0 advisory: %w", err)}
	}
	if m, ok := inst.(map[string]any); !ok || !isCSAF(m) {
		return advisory.Advisory{}, file, &evidence.InputError{Path: rel,
			Err: errors.New("not a CSAF 2.0 advisory: no document.csaf_version \"2.0\"; advisories must be CSAF 2.0 JSON")}
	}
	if err := sch.Validate(inst); err != nil {
		return advisory.Advisory{}, file, &evidence.InputError{Path: rel, Err: fmt.Errorf("does not match the CSAF 2.0 schema: %s", schemaMessage(err))}
	}
	a, err := advisory.ParseCSAF(raw)
	if err != nil {
		return advisory.Advisory{}, file, &evidence.InputError{Path: rel, Err: err}
	}
	a.File, a.SHA256 = rel, file.SHA256
	return a, file, nil
}

func isCSAF(m map[string]any) bool {
	d, ok := m["document"].(map[string]any)
	if !ok {
		return false
	}
	v, _ := d["csaf_version"].(string)
	return v == "2.0"
}

// schemaMessage is the first few leaf errors of a validation, each with
// the place in the document ("/document/tracking: missing property 'id'").
func schemaMessage(err error) string {
	leaves := schemaerr.Leaves(err)
	if leaves == nil {
		return err.Error()
	}
	if len(leaves) > 3 {
		leaves = append(leaves[:3], fmt.Sprintf("and %d more", len(leaves)-3))
	}
	return strings.Join(leaves, "; ")
}

// jsonLine is the line of a JSON syntax error, 0 when unknown.
func jsonLine(raw []byte, err error) int {
	var off int64 = -1
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		off = se.Offset
	} else if errors.Is(err, io.ErrUnexpectedEOF) {
		off = int64(len(raw)) // cut short: the error is at its end
	}
	if off < 0 || off > int64(len(raw)) {
		return 0
	}
	return bytes.Count(raw[:off], []byte("\n")) + 1
}
