package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/reports/oscal"
	"github.com/slate-ot/slate/reports/reporttest"
	"github.com/slate-ot/slate/reports/sarif"
)

// TestOutputSet: every format's files, with oscal's plan beside its
// results, and a SARIF log made again with the options it records.
func TestOutputSet(t *testing.T) {
	sc := reporttest.Load(t, reporttest.Example)
	o := Options{SARIF: sarif.Options{Base: "plants/plant-a"}}
	files, err := RenderWith(sc, Names(), o)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{oscal.FileName, oscal.PlanFileName, sarif.FileName} {
		if len(files[name]) == 0 {
			t.Errorf("no %s", name)
		}
	}
	plain, err := Render(sc, []string{"sarif"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(plain[sarif.FileName], files[sarif.FileName]) {
		t.Error("the SARIF log ignores its options")
	}
	dir := t.TempDir()
	if got, err := Recorded(dir); err != nil || got != (Options{}) {
		t.Errorf("Recorded(empty dir) = %+v, %v", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, sarif.FileName), files[sarif.FileName], 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Recorded(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(o, got); diff != "" {
		t.Errorf("Recorded (-want +got):\n%s", diff)
	}
	again, err := RenderWith(sc, []string{"sarif"}, got)
	if err != nil || !bytes.Equal(again[sarif.FileName], files[sarif.FileName]) {
		t.Errorf("made again with the recorded options, the SARIF log differs (%v)", err)
	}
}
