package junit

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/slate-ot/slate/engine/scorecard"
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

// allowed is the element/attribute vocabulary of the JUnit XSD
// (jenkinsci/xunit-plugin junit-10.xsd, MIT; see testdata/schemas/NOTICE.md).
var allowed = map[string][]string{
	"testsuites": {"name", "tests", "failures", "errors", "skipped", "time", "disabled"},
	"testsuite":  {"name", "tests", "failures", "errors", "skipped", "time", "timestamp", "hostname", "id", "package", "disabled", "file", "log", "url", "version", "group"},
	"properties": {},
	"property":   {"name", "value"},
	"testcase":   {"name", "classname", "time", "assertions", "status", "file", "line", "group"},
	"failure":    {"message", "type"},
	"error":      {"message", "type"},
	"skipped":    {"message"},
	"system-out": {},
	"system-err": {},
}

var required = map[string][]string{
	"testsuite": {"name", "tests"},
	"testcase":  {"name", "classname"},
	"property":  {"name", "value"},
}

func TestStructure(t *testing.T) {
	sc := load(t)
	out := render(t, sc)
	dec := xml.NewDecoder(bytes.NewReader(out))
	counts := map[string]int{}
	var stack []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			name := e.Name.Local
			attrs, ok := allowed[name]
			if !ok {
				t.Errorf("element <%s> not in the JUnit schema", name)
			}
			var seen []string
			for _, a := range e.Attr {
				seen = append(seen, a.Name.Local)
				if !slices.Contains(attrs, a.Name.Local) {
					t.Errorf("<%s %s=…> not in the JUnit schema", name, a.Name.Local)
				}
			}
			for _, r := range required[name] {
				if !slices.Contains(seen, r) {
					t.Errorf("<%s> lacks required %s", name, r)
				}
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			wantParent := map[string]string{"testsuite": "testsuites", "testcase": "testsuite", "failure": "testcase", "skipped": "testcase", "property": "properties"}
			if p, ok := wantParent[name]; ok && p != parent {
				t.Errorf("<%s> inside <%s>, want <%s>", name, parent, p)
			}
			counts[name]++
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
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
	gaps := map[string]scorecard.Gap{
		"G-1": {ID: "G-1", Status: "open", Message: "telnet on", Severity: "high", Rule: "R1", Owner: "OT", Remediation: "use ssh",
			Evidence: nil},
		"G-2": {ID: "G-2", Status: "waived", Message: "old fw", Waivers: []string{"fw-waiver"}},
	}
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
			if diff := cmp.Diff(tt.want, testcase(req, tt.zs, gaps)); diff != "" {
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
