package evidence

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"
)

// Bundle holds every document of one assessment run. Its canonical JSON is
// what gets digested, signed and re-evaluated.
type Bundle struct {
	Format string `json:"format"`
	// Assessment identifies the assessment file the evidence was collected
	// for, so that a later evaluation can tell when it is handed another.
	Assessment AssessmentRef `json:"assessment"`
	// AsOf is the assessment date (YYYY-MM-DD) the evidence was collected
	// under; evaluation uses it unless told otherwise.
	AsOf      string     `json:"as_of"`
	Documents []Document `json:"documents"`
}

// AssessmentRef names an assessment file by content.
type AssessmentRef struct {
	Name   string `json:"name"`
	Site   string `json:"site"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// NewBundle returns a bundle of docs, sorted by document id.
func NewBundle(ref AssessmentRef, asOf string, docs []Document) *Bundle {
	docs = slices.Clone(docs)
	if docs == nil {
		docs = []Document{}
	}
	slices.SortFunc(docs, func(a, b Document) int { return cmp.Compare(a.ID, b.ID) })
	return &Bundle{Format: BundleFormat, Assessment: ref, AsOf: asOf, Documents: docs}
}

// Encode returns the bundle's canonical JSON, Canonical(b) (see WriteTo).
func (b *Bundle) Encode() ([]byte, error) {
	size := 1 << 10
	for _, d := range b.Documents {
		size += len(d.Data) + 1<<10
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	if _, err := b.WriteTo(buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Digest returns "sha256:<hex>" of the bundle's canonical JSON, hashed as
// it is written rather than held in memory.
func (b *Bundle) Digest() (string, error) {
	h := sha256.New()
	if _, err := b.WriteTo(h); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// WriteTo writes the bundle's canonical JSON, Canonical(b), to w without
// running the documents' data (most of a large bundle) through
// encoding/json: the bundle with every document's data replaced by 0 is
// made canonical, and each document's data, made canonical on its own,
// takes the place of its 0. Canonical JSON orders a document's members by
// key whatever their values, so the bytes are the same. Data made by
// NewDocument is canonical already and is written as it is; other data is
// made canonical a few documents at a time, side by side, so that the
// bundle's JSON is never in memory whole.
func (b *Bundle) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	err := b.writeTo(cw)
	return cw.n, err
}

func (b *Bundle) writeTo(w *countingWriter) error {
	if b.Documents == nil {
		return w.canonical(b)
	}
	skeleton := *b
	skeleton.Documents = make([]Document, len(b.Documents))
	for i, d := range b.Documents {
		d.Data = json.RawMessage("0")
		skeleton.Documents[i] = d
	}
	head, err := Canonical(skeleton)
	if err != nil {
		return err
	}
	// In canonical order a document's first members are "data" and "id".
	const marker = `{"data":0,"id":`
	at := bytes.Index(head, []byte(`"documents":[`))
	if at < 0 || bytes.Count(head[at:], []byte(marker)) != len(b.Documents) {
		return w.canonical(b) // a shape this does not know: the long way
	}
	batch := runtime.GOMAXPROCS(0)
	data := make([][]byte, batch)
	for first := 0; first < len(b.Documents); first += batch {
		docs := b.Documents[first:min(first+batch, len(b.Documents))]
		var g errgroup.Group
		for i, d := range docs {
			g.Go(func() error {
				c, err := d.canonicalData()
				data[i] = c
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		for i := range docs {
			j := at + bytes.Index(head[at:], []byte(marker))
			w.write(head[:j])
			w.write([]byte(`{"data":`))
			w.write(data[i])
			data[i] = nil
			head = head[j+len(`{"data":0`):]
			at = 0
		}
	}
	w.write(head)
	return w.err
}

// canonicalData returns the document's data in canonical form.
func (d Document) canonicalData() ([]byte, error) {
	if d.isCanonical() {
		return d.Data, nil
	}
	raw := d.Data
	if len(raw) == 0 {
		raw = json.RawMessage("null") // as encoding/json writes it
	}
	c, err := CanonicalJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("document %s: data: %w", d.ID, err)
	}
	return c, nil
}

// countingWriter counts what it writes and keeps the first error.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (cw *countingWriter) write(p []byte) {
	if cw.err != nil {
		return
	}
	n, err := cw.w.Write(p)
	cw.n += int64(n)
	cw.err = err
}

func (cw *countingWriter) canonical(v any) error {
	raw, err := Canonical(v)
	if err != nil {
		return err
	}
	cw.write(raw)
	return cw.err
}

// DecodeBundle parses a bundle written by Encode. name is used in errors.
// Unknown fields are refused: a bundle is a signed artefact, not a hint.
func DecodeBundle(name string, raw []byte) (*Bundle, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: %w", name, describeJSONError(raw, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: byte %d: data after the bundle", name, dec.InputOffset())
	}
	if b.Format != BundleFormat {
		return nil, fmt.Errorf("%s: format %q is not %q", name, b.Format, BundleFormat)
	}
	seen := map[string]bool{}
	for i, d := range b.Documents {
		if d.ID == "" || d.ID != d.Kind+"/"+d.Source {
			return nil, fmt.Errorf("%s: document %d: id %q does not match kind %q and source %q", name, i, d.ID, d.Kind, d.Source)
		}
		if seen[d.ID] {
			return nil, fmt.Errorf("%s: document %q appears twice", name, d.ID)
		}
		seen[d.ID] = true
		if len(d.Data) == 0 {
			return nil, fmt.Errorf("%s: document %q has no data", name, d.ID)
		}
		if ed := d.Provenance.EvidenceDate; ed != "" {
			if _, err := time.Parse(time.DateOnly, ed); err != nil || len(ed) != len(time.DateOnly) {
				return nil, fmt.Errorf("%s: document %q: evidence_date %q is not a date of the form YYYY-MM-DD", name, d.ID, ed)
			}
		}
	}
	return &b, nil
}

// ReadBundle reads and decodes a bundle file.
func ReadBundle(path string) (*Bundle, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return DecodeBundle(path, raw)
}

// describeJSONError adds a line and column to encoding/json's offsets.
func describeJSONError(raw []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the offending byte as read; point at it.
		off = max(se.Offset-1, 0)
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		off = int64(len(raw))
	}
	if off < 0 {
		return err
	}
	line, col := LineCol(raw, off)
	return fmt.Errorf("line %d, column %d (byte %d): %w", line, col, off, err)
}

// LineCol converts a byte offset into 1-based line and column numbers.
func LineCol(raw []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(raw)))
	before := raw[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// DigestBytes returns "sha256:<hex>" of b.
func DigestBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// HashFile streams the file at path and describes it for provenance, with
// its path relative to dir in forward slashes.
func HashFile(dir, path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, fmt.Errorf("read %s: %w", path, err)
	}
	return File{Path: RelPath(dir, path), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// RelPath returns path relative to dir with forward slashes, or path itself
// (slashed) when it is not below dir.
func RelPath(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}
