package assessment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrameworkAlias loads the old id "nist-800-82r3": it becomes
// nist-800-53r5, and a warning at the label says that the overlay's
// tailoring is not applied, so nothing is relabelled silently.
func TestFrameworkAlias(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "assessment.hcl")
	src := "assessment \"a\" {\n  site = \"A\"\n}\nframework \"nist-800-82r3\" {\n  baseline = \"moderate\"\n}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Load(path, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Framework{{ID: FrameworkNIST, Baseline: "moderate"}}, a.Frameworks); diff != "" {
		t.Errorf("frameworks (-want +got):\n%s", diff)
	}
	if len(a.Warnings) != 1 {
		t.Fatalf("warnings %v, want one", a.Warnings)
	}
	w := a.Warnings[0]
	if got := w.Subject.Start; w.Summary != "Deprecated framework id" || got.Line != 4 || got.Column != 11 {
		t.Errorf("warning %q at %d:%d, want Deprecated framework id at 4:11", w.Summary, got.Line, got.Column)
	}
	for _, want := range []string{`"nist-800-82r3" is read as "nist-800-53r5"`, "SP 800-53B baseline", "tailoring", "is not applied", `Write framework "nist-800-53r5"`} {
		if !strings.Contains(w.Detail, want) {
			t.Errorf("warning detail %q does not say %q", w.Detail, want)
		}
	}
}

func TestFrameworkDisplayName(t *testing.T) {
	for _, tc := range []struct {
		fw   Framework
		want string
	}{
		{Framework{ID: FrameworkIEC62443}, "IEC 62443-3-3"},
		{Framework{ID: FrameworkNIST, Baseline: "moderate"}, "NIST SP 800-53r5 moderate baseline (SP 800-53B)"},
		{Framework{ID: FrameworkNIST, Baseline: "low"}, "NIST SP 800-53r5 low baseline (SP 800-53B)"},
		{Framework{ID: FrameworkNIST, Baseline: "high"}, "NIST SP 800-53r5 high baseline (SP 800-53B)"},
		{Framework{ID: "nist-800-82r3", Baseline: "high"}, "NIST SP 800-53r5 high baseline (SP 800-53B)"},
		{Framework{ID: FrameworkNIST}, "NIST SP 800-53r5"},
		{Framework{ID: "other"}, "other"},
	} {
		if got := tc.fw.DisplayName(); got != tc.want {
			t.Errorf("%+v.DisplayName() = %q, want %q", tc.fw, got, tc.want)
		}
	}
}
