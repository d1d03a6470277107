package textin

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOneHome keeps text decoding and delimiter lists in this package: the
// collectors that read CSV (assets, attestation, mfa) must not grow a copy
// of byte order marks, UTF-16 decoding or a delimiter list again.
func TestOneHome(t *testing.T) {
	copyRE := regexp.MustCompile(`unicode/utf16|0xEF, 0xBB|\\xef\\xbb\\xbf|\\xEF\\xBB\\xBF|\[\]rune\{',', ';'|cr\.Comma = '`)
	for _, pkg := range []string{"assets", "attestation", "mfa"} {
		files, err := filepath.Glob(filepath.Join("..", "..", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in collectors/%s: %v", pkg, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if m := copyRE.Find(src); m != nil {
				t.Errorf("%s has %q: text decoding and dialects belong to textin", f, m)
			}
			if !strings.Contains(string(src), "internal/textin") && strings.Contains(string(src), "csv.NewReader(") {
				t.Errorf("%s reads CSV without textin", f)
			}
		}
	}
}

// TestImportsNothingOfTheProject: textin is plumbing under the collectors.
func TestImportsNothingOfTheProject(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/slate-ot/slate/") && dep != "github.com/slate-ot/slate/collectors/internal/textin" {
			t.Errorf("textin depends on %s", dep)
		}
	}
}
