package assessment

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// FileName is the assessment file a directory argument stands for.
const FileName = "assessment.hcl"

// LoadOptions tune the semantic checks that need knowledge from other
// packages.
type LoadOptions struct {
	// SourceKinds maps each known source kind to the attribute names its
	// block may set besides `files`. nil: kinds are not checked.
	SourceKinds map[string][]string
	// Formats are the report formats an output block may name (the
	// reports package's table). nil: formats are not checked.
	Formats []string
	// KnownRequirement reports whether a framework-qualified requirement id
	// exists ("iec62443-3-3:SR 7.8", "nist-800-53r5:CM-8"). nil: not
	// checked.
	KnownRequirement func(id string) bool
	// Sealed loads the assessment of a sealed run, to evaluate its
	// evidence bundle again: the evidence is the bundle and the policies
	// come sealed with the run (the engine's PolicyBundle), so source file
	// patterns are not matched (Files stays empty) and policy directories
	// need not exist.
	Sealed bool
}

// Resolve turns a CLI argument (a directory or a file; "" means ".") into
// the assessment file path: a directory means DIR/assessment.hcl. An
// argument that does not exist is taken as a file when it ends in .hcl and
// as a directory otherwise, so that Load (or `slate init`) reports or
// creates the right path.
func Resolve(arg string) (string, error) {
	if arg == "" {
		arg = "."
	}
	info, err := os.Stat(arg)
	switch {
	case err == nil && info.IsDir():
		return filepath.Join(arg, FileName), nil
	case err == nil:
		return arg, nil
	case errors.Is(err, fs.ErrNotExist) && strings.EqualFold(filepath.Ext(arg), ".hcl"):
		return arg, nil
	case errors.Is(err, fs.ErrNotExist):
		return filepath.Join(arg, FileName), nil
	}
	return "", &DiagError{Diags: hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Cannot read assessment path",
		Detail:   fmt.Sprintf("Looking up %s failed: %v. Check the path and its permissions.", arg, err),
	}}, Files: map[string]*hcl.File{}}
}

// Load reads, decodes and checks the assessment file at path. Every problem
// is returned at once, as a *DiagError; so is a file that cannot be read.
// Warnings do not fail the load and are kept in Assessment.Warnings.
//
// Relative paths in the file are taken from the file's directory, never
// from the working directory; diagnostics name the file as path is given.
func Load(path string, opts LoadOptions) (*Assessment, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, readError(path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, readError(path, err)
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	files := map[string]*hcl.File{path: file}
	if diags.HasErrors() {
		sortDiags(diags)
		return nil, &DiagError{Diags: diags, Files: files}
	}

	l := newLoader(filepath.Dir(abs), opts)
	l.diags = diags
	a := l.decode(file.Body)
	if l.diags.HasErrors() && a != nil {
		// A file that fails to load is reported whole, with the warnings
		// that depend on its own date.
		l.diags = append(l.diags, a.DateWarnings(a.AsOf)...)
	}
	sortDiags(l.diags)
	if l.diags.HasErrors() {
		return nil, &DiagError{Diags: l.diags, Files: files}
	}
	sum := sha256.Sum256(src)
	a.File = abs
	a.Dir = filepath.Dir(abs)
	a.SHA256 = hex.EncodeToString(sum[:])
	a.Warnings = warnings(l.diags)
	a.files = files
	return a, nil
}

func readError(path string, err error) error {
	detail := fmt.Sprintf("Reading %s failed: %v. Check the path, or create the file with `slate init`.", path, err)
	if errors.Is(err, fs.ErrNotExist) {
		detail = fmt.Sprintf("There is no file %s. Check the path, or create the file with `slate init`.", path)
	}
	return &DiagError{Diags: hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Cannot read assessment file",
		Detail:   detail,
	}}, Files: map[string]*hcl.File{}}
}
