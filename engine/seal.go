package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"

	"github.com/slate-ot/slate/engine/catalog"
	"github.com/slate-ot/slate/evidence"
)

// The files a run seals into its output directory, so that it can be
// evaluated again from that directory alone.
const (
	// SealedAssessmentFile is a tar.gz of the assessment file and the
	// files it names that the evidence bundle does not carry (the evidence
	// of countermeasures), at their paths relative to the assessment.
	SealedAssessmentFile = "assessment.tar.gz"
	// SealedPoliciesFile is the policy set the run used, as an OPA bundle.
	SealedPoliciesFile = "policies.tar.gz"
)

// builtinPrefix starts the path of every built-in module in a policy set
// and in its bundle.
const builtinPrefix = "builtin/"

// maxSealedFile bounds one file read from a sealed archive.
const maxSealedFile = 64 << 20

// Seal returns the files that make res evaluable again from its output
// directory alone: SealedAssessmentFile and SealedPoliciesFile. Both are
// the same bytes on every run of the same assessment and policies,
// wherever they are checked out: entries sorted, fixed times and modes.
func Seal(res *Result) (map[string][]byte, error) {
	if res.Policies == nil {
		return nil, errors.New("seal: the run has not been evaluated")
	}
	a := res.Assessment
	files := map[string][]byte{}
	name := evidence.RelPath(a.Dir, a.File)
	src, err := os.ReadFile(a.File)
	if err != nil {
		return nil, fmt.Errorf("seal the assessment file: %w", err)
	}
	files[name] = src
	for _, cm := range a.Countermeasures {
		for _, ev := range cm.Evidence {
			raw, err := os.ReadFile(filepath.Join(a.Dir, filepath.FromSlash(ev.Path)))
			if err != nil {
				return nil, fmt.Errorf("seal the evidence of countermeasure %q: %w", cm.Name, err)
			}
			files[ev.Path] = raw
		}
	}
	sealedAssessment, err := tarGz(files)
	if err != nil {
		return nil, err
	}
	policies, err := res.Policies.Bundle()
	if err != nil {
		return nil, err
	}
	return map[string][]byte{SealedAssessmentFile: sealedAssessment, SealedPoliciesFile: policies}, nil
}

// Bundle returns the policy set as an OPA bundle (tar.gz): a .manifest
// whose revision is the set's digest and whose roots cover every package
// and the data, each module at its path in the set, and data.json with
// the data the policies read (data.slate.vocab). `opa inspect` and `opa
// run --bundle` read it; LoadPolicyBundle reads it back into the same set.
func (ps *PolicySet) Bundle() ([]byte, error) {
	roots := []string{"slate"}
	for _, m := range ps.Modules {
		pkg := strings.TrimPrefix(ps.parsed[m.Path].Package.Path.String(), "data.")
		roots = append(roots, strings.SplitN(pkg, ".", 2)[0])
	}
	slices.Sort(roots)
	roots = slices.Compact(roots)
	metadata := map[string]any{"engine": map[string]string{"name": "slate", "version": Version}}
	if len(ps.Packs) > 0 {
		// The packs the modules came from, so that a run evaluated again
		// from this bundle lists them as the signed scorecard does.
		metadata["packs"] = ps.Packs
	}
	manifest, err := evidence.Canonical(map[string]any{
		"revision":     ps.Digest,
		"roots":        roots,
		"rego_version": 1,
		"metadata":     metadata,
	})
	if err != nil {
		return nil, err
	}
	data, err := evidence.Canonical(ps.data)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{"/.manifest": manifest, "/data.json": data}
	for _, m := range ps.Modules {
		files["/"+m.Path] = ps.sources[m.Path]
	}
	return tarGz(files)
}

// LoadPolicyBundle compiles the policy set sealed in an OPA bundle as
// Bundle writes it; name is the bundle's file, for errors. The modules
// keep their paths (those under builtin/ are the built-in ones), so the
// set has the digest it had when it was sealed, which must be the
// manifest's revision.
func LoadPolicyBundle(name string, raw []byte) (*PolicySet, error) {
	b, err := bundle.NewReader(bytes.NewReader(raw)).
		WithRegoVersion(ast.RegoV1).
		WithProcessAnnotations(true).
		WithSkipBundleVerification(true).
		Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	cat, err := catalog.Load()
	if err != nil {
		return nil, err
	}
	sources := map[string][]byte{}
	var mods []Module
	for _, m := range b.Modules {
		p := strings.TrimPrefix(m.Path, "/")
		if _, dup := sources[p]; dup {
			return nil, fmt.Errorf("%s: module %s appears twice", name, p)
		}
		sources[p] = m.Raw
		sum := sha256.Sum256(m.Raw)
		mods = append(mods, Module{Path: p, SHA256: hex.EncodeToString(sum[:]), Builtin: strings.HasPrefix(p, builtinPrefix)})
	}
	ps, err := compileSet(sources, mods, cat, b.Data)
	if err != nil {
		return nil, err
	}
	if b.Manifest.Revision != ps.Digest {
		return nil, fmt.Errorf("%s: the manifest's revision %s is not the digest of its modules, %s", name, b.Manifest.Revision, ps.Digest)
	}
	if packs, ok := b.Manifest.Metadata["packs"]; ok {
		raw, err := json.Marshal(packs)
		if err == nil {
			err = json.Unmarshal(raw, &ps.Packs)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: the manifest's packs: %w", name, err)
		}
	}
	return ps, nil
}

// ExtractSealedAssessment writes the files of a SealedAssessmentFile into
// dir, which must exist. Only plain relative paths of regular files are
// accepted.
func ExtractSealedAssessment(name string, raw []byte, dir string) error {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	tr := tar.NewReader(zr)
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		p := h.Name
		if h.Typeflag != tar.TypeReg || p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || seen[p] {
			return fmt.Errorf("%s: entry %q is not a regular file at a plain relative path", name, p)
		}
		seen[p] = true
		body, err := io.ReadAll(io.LimitReader(tr, maxSealedFile+1))
		if err != nil {
			return fmt.Errorf("%s: %s: %w", name, p, err)
		}
		if len(body) > maxSealedFile {
			return fmt.Errorf("%s: %s is larger than %d bytes", name, p, maxSealedFile)
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, body, 0o644); err != nil {
			return err
		}
	}
}

// sealTime is the modification time of every entry of a sealed archive.
var sealTime = time.Unix(0, 0).UTC()

// tarGz writes files (path → bytes) as a tar.gz with the same bytes for
// the same files: entries sorted by path, mode 0644, owner 0, a fixed
// time, no gzip name or time.
func tarGz(files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		h := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     n,
			Mode:     0o644,
			Size:     int64(len(files[n])),
			ModTime:  sealTime,
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("seal %s: %w", n, err)
		}
		if _, err := tw.Write(files[n]); err != nil {
			return nil, fmt.Errorf("seal %s: %w", n, err)
		}
	}
	if err := errors.Join(tw.Close(), zw.Close()); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
