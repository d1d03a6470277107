package aggregate

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/assessment"
	"github.com/slate-ot/slate/evidence/attest"
)

// Key is a public key runs are verified with.
type Key struct {
	Verifier signature.Verifier
	// Fingerprint names the key as cosign does (attest.KeyHint).
	Fingerprint string
	// Entry says where the key was named: the --key file, or the keys
	// file's site block ("keys.hcl:3 site \"plant-*\"").
	Entry string
}

// Keys say which key each site's runs are signed with.
type Keys struct {
	entries []keyEntry
}

type keyEntry struct {
	glob string
	key  Key
}

// For returns the key of the runs of assessment name: the first entry
// whose glob matches it.
func (k *Keys) For(name string) (Key, bool) {
	for _, e := range k.entries {
		if ok, _ := path.Match(e.glob, name); ok {
			return e.key, true
		}
	}
	return Key{}, false
}

// SingleKey verifies every run with the public key in file.
func SingleKey(file string) (*Keys, error) {
	key, err := loadKey(file, file)
	if err != nil {
		return nil, err
	}
	return &Keys{entries: []keyEntry{{glob: "*", key: key}}}, nil
}

func loadKey(file, entry string) (Key, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return Key{}, fmt.Errorf("read public key: %w", err)
	}
	v, err := attest.LoadPublicKey(raw)
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", file, err)
	}
	pub, err := v.PublicKey()
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", file, err)
	}
	fp, err := attest.KeyHint(pub)
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", file, err)
	}
	return Key{Verifier: v, Fingerprint: fp, Entry: entry}, nil
}

// keysFile is the schema of a keys file.
type keysFile struct {
	Sites []struct {
		Glob  string    `hcl:"glob,label"`
		Key   string    `hcl:"key"`
		Range hcl.Range `hcl:",def_range"`
		Body  hcl.Body  `hcl:",remain"`
	} `hcl:"site,block"`
}

// LoadKeys reads a keys file: one block per site or group of sites, the
// first whose glob (path.Match syntax) matches a run's assessment name
// giving its key, a public key file relative to the keys file:
//
//	site "plant-*" { key = "keys/plants.pub" }
//
// Every problem is reported at once with its place, as an
// *assessment.DiagError.
func LoadKeys(file string) (*Keys, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read keys file: %w", err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	files := map[string]*hcl.File{file: f}
	if diags.HasErrors() {
		return nil, &assessment.DiagError{Diags: diags, Files: files}
	}
	var kf keysFile
	diags = gohcl.DecodeBody(f.Body, nil, &kf)
	keys := &Keys{}
	for _, s := range kf.Sites {
		if _, err := path.Match(s.Glob, ""); err != nil || s.Glob == "" {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid site pattern",
				Detail:  fmt.Sprintf("%q is not a glob on assessment names; write a name or a pattern like \"plant-*\".", s.Glob),
				Subject: s.Range.Ptr()})
			continue
		}
		if rest, _ := s.Body.JustAttributes(); len(rest) > 0 {
			for name, a := range rest {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported argument",
					Detail: fmt.Sprintf("A site block takes only key; remove %s.", name), Subject: a.NameRange.Ptr()})
			}
			continue
		}
		keyFile := s.Key
		if !filepath.IsAbs(keyFile) {
			keyFile = filepath.Join(filepath.Dir(file), filepath.FromSlash(keyFile))
		}
		entry := fmt.Sprintf("%s:%d site %q", file, s.Range.Start.Line, s.Glob)
		key, err := loadKey(keyFile, entry)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unusable public key",
				Detail: fmt.Sprintf("%v. Name a cosign public key (cosign.pub) relative to the keys file.", err), Subject: s.Range.Ptr()})
			continue
		}
		keys.entries = append(keys.entries, keyEntry{glob: s.Glob, key: key})
	}
	if diags.HasErrors() {
		return nil, &assessment.DiagError{Diags: diags, Files: files}
	}
	if len(keys.entries) == 0 {
		return nil, &assessment.DiagError{Files: files, Diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "No site keys",
			Detail: "The keys file names no site; add a block like site \"plant-*\" { key = \"keys/plants.pub\" }.", Subject: &hcl.Range{Filename: file, Start: hcl.InitialPos, End: hcl.InitialPos}}}}
	}
	return keys, nil
}
