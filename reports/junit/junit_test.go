package junit

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/reports/reporttest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func load(t *testing.T) *scorecard.Scorecard {
	t.Helper()
	return reporttest.Load(t, reporttest.Example)
}

func render(t *testing.T, sc *scorecard.Scorecard) []byte {
	t.Helper()
	return reporttest.Render(t, Write, sc)
}

func TestGolden(t *testing.T) {
	got := render(t, load(t))
	if !bytes.Equal(got, render(t, load(t))) {
		t.Fatal("two runs differ")
	}
	golden := filepath.Join("testdata", "junit.golden.xml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	var w, g Suites
	if err := xml.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("junit.xml (-want +got):\n%s", diff)
	}
}

// schemaFile is the Jenkins xUnit plugin's junit-10.xsd (MIT; see
// testdata/schemas/NOTICE.md), the schema Jenkins reads JUnit reports with.
const schemaFile = "../../testdata/schemas/junit/jenkins-xunit-junit-10.xsd"

// xmllint returns the real xmllint (Debian package libxml2-utils). It
// skips the test when the tool is missing, except under CI=true, where a
// missing validator is a failure.
func xmllint(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint not found (install libxml2-utils): CI must validate junit.xml against the XSD")
		}
		t.Skip("xmllint not found (libxml2-utils); junit.xml is not validated against the XSD")
	}
	return bin
}

// validate runs xmllint --schema over doc.
func validate(t *testing.T, bin string, doc []byte) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", schemaFile, path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%w: %s", err, out)
	}
	return nil
}

func TestSchema(t *testing.T) {
	bin := xmllint(t)
	escaping := &scorecard.Scorecard{
		Requirements: []scorecard.Requirement{{Framework: "f", ID: "R<1>", Zones: []scorecard.ZoneStatus{
			{Zone: "z", Status: "fail", Gaps: []string{"G"}}, {Zone: "y", Status: "not_assessed"}, {Zone: "x", Status: "waived"}}}},
		Gaps: []scorecard.Gap{{ID: "G", Status: "open", Message: `a & "b" <c>`, Evidence: []evidence.Ref{{Document: "d", File: "f.cfg", Line: 3}}}},
	}
	for name, sc := range map[string]*scorecard.Scorecard{"plant-a": load(t), "escaping": escaping, "empty": {}} {
		t.Run(name, func(t *testing.T) {
			if err := validate(t, bin, render(t, sc)); err != nil {
				t.Error(err)
			}
		})
	}
	// The control case: the schema refuses what Jenkins refuses, such as
	// a skipped count on <testsuites>.
	bad := bytes.Replace(render(t, load(t)), []byte("<testsuites "), []byte(`<testsuites skipped="1" `), 1)
	if err := validate(t, bin, bad); err == nil || !strings.Contains(err.Error(), "skipped") {
		t.Errorf("xmllint accepted <testsuites skipped=…>: %v", err)
	}
}

func TestStructure(t *testing.T) {
	sc := load(t)
	out := render(t, sc)
	dec := xml.NewDecoder(bytes.NewReader(out))
	counts := map[string]int{}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if e, ok := tok.(xml.StartElement); ok {
			counts[e.Name.Local]++
		}
	}
	cells, fails, skips := 0, 0, 0
	frameworks := map[string]bool{}
	for _, r := range sc.Requirements {
		frameworks[r.Framework] = true
		for _, z := range r.Zones {
			cells++
			switch z.Status {
			case scorecard.StatusFail:
				fails++
			case scorecard.StatusNotAssessed, scorecard.StatusManual, scorecard.StatusNotApplicable:
				skips++
			}
		}
	}
	want := map[string]int{"testsuites": 1, "testsuite": len(frameworks), "testcase": cells, "failure": fails, "skipped": skips}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%d <%s>, want %d", counts[k], k, n)
		}
	}
	if cells != len(sc.Zones)*len(sc.Requirements) {
		t.Errorf("cells = %d, want requirements × zones = %d", cells, len(sc.Zones)*len(sc.Requirements))
	}
}

func TestCases(t *testing.T) {
	sc := &scorecard.Scorecard{Gaps: []scorecard.Gap{
		{ID: "G-1", Status: "open", Message: "telnet on", Severity: "high", Rule: "R1", Owner: "OT", Remediation: "use ssh",
			Evidence: nil},
		{ID: "G-2", Status: "waived", Message: "old fw", Waivers: []string{"fw-waiver"}},
	}}
	gaps := gapIndex(sc)
	req := scorecard.Requirement{Framework: "iec62443-3-3", ID: "SR 7.8"}
	tests := []struct {
		name string
		zs   scorecard.ZoneStatus
		want Case
	}{
		{"pass", scorecard.ZoneStatus{Zone: "cell", Status: "pass"},
			Case{Name: "SR 7.8 [cell]", Classname: "iec62443-3-3", Time: "0"}},
		{"fail", scorecard.ZoneStatus{Zone: "control", Status: "fail", Gaps: []string{"G-1"}},
			Case{Name: "SR 7.8 [control]", Classname: "iec62443-3-3", Time: "0", Failure: &Message{
				Message: "telnet on", Type: "fail", Body: "[high] telnet on (R1, owner OT, G-1)\n  remediation: use ssh\n"}}},
		{"not assessed is skipped", scorecard.ZoneStatus{Zone: "dmz", Status: "not_assessed", Reason: "no evidence"},
			Case{Name: "SR 7.8 [dmz]", Classname: "iec62443-3-3", Time: "0", Skipped: &Message{Message: "not_assessed: no evidence"}}},
		{"manual is skipped", scorecard.ZoneStatus{Zone: "dmz", Status: "manual", Reason: "confirm"},
			Case{Name: "SR 7.8 [dmz]", Classname: "iec62443-3-3", Time: "0", Skipped: &Message{Message: "manual: confirm"}}},
		{"waived passes with the waiver named", scorecard.ZoneStatus{Zone: "cell", Status: "waived", Gaps: []string{"G-2"}},
			Case{Name: "SR 7.8 [cell]", Classname: "iec62443-3-3", Time: "0", SystemOut: "waived by fw-waiver: old fw"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, wholeCase(sc, req, tt.zs, gaps)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEscaping(t *testing.T) {
	sc := &scorecard.Scorecard{
		Requirements: []scorecard.Requirement{{Framework: "f", ID: "R<1>", Zones: []scorecard.ZoneStatus{{Zone: "z", Status: "fail", Gaps: []string{"G"}}}}},
		Gaps:         []scorecard.Gap{{ID: "G", Status: "open", Message: `a & "b" <c>` + "\x00"}},
	}
	var s Suites
	if err := xml.Unmarshal(render(t, sc), &s); err != nil {
		t.Fatal(err)
	}
	if got := s.Suites[0].Cases[0].Failure.Message; !strings.HasPrefix(got, `a & "b" <c>`) {
		t.Errorf("message = %q", got)
	}
}
