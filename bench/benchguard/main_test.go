package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseResults(t *testing.T) {
	in := "building...\nRESULT ref cpu=0.5\nnoise RESULT x a=1\nRESULT site-small wall=4.5 cpu=1.5\nRESULT site-small rss_mb=150\n"
	got, err := parseResults(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := results{"ref": {"cpu": 0.5}, "site-small": {"wall": 4.5, "cpu": 1.5, "rss_mb": 150}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"RESULT a cpu", "RESULT a cpu=x"} {
		if _, err := parseResults(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestParseRecorded(t *testing.T) {
	got, err := parseRecorded(strings.NewReader("# comment\n\nsite-small cpu 3.5 # ratio\nsite-small rss_mb 150\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []recorded{{"site-small", "cpu", 3.5}, {"site-small", "rss_mb", 150}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(recorded{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, bad := range []string{"site-small cpu", "site-small cpu x", "site-small cpu 0", "site-small cpu -1"} {
		if _, err := parseRecorded(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestCompare: CPU is compared as a ratio to the reference workload of the
// same run, so a machine twice as slow (reference and benchmark both
// doubled) passes, and a benchmark twice as slow alone passes at exactly
// 2x and fails above it; peak RSS is compared as it is.
func TestCompare(t *testing.T) {
	rec := []recorded{{"site-small", "cpu", 3}, {"site-small", "rss_mb", 100}}
	tests := []struct {
		name  string
		run   results
		fails []bool
		ratio []float64
	}{
		{"same", results{"ref": {"cpu": 0.5}, "site-small": {"cpu": 1.5, "rss_mb": 100}}, []bool{false, false}, []float64{1, 1}},
		{"slower machine", results{"ref": {"cpu": 1}, "site-small": {"cpu": 3, "rss_mb": 100}}, []bool{false, false}, []float64{1, 1}},
		{"twice as slow", results{"ref": {"cpu": 0.5}, "site-small": {"cpu": 3, "rss_mb": 200}}, []bool{false, false}, []float64{2, 2}},
		{"regressed cpu", results{"ref": {"cpu": 0.5}, "site-small": {"cpu": 3.3, "rss_mb": 90}}, []bool{true, false}, []float64{2.2, 0.9}},
		{"regressed memory", results{"ref": {"cpu": 0.5}, "site-small": {"cpu": 1, "rss_mb": 201}}, []bool{false, true}, []float64{2.0 / 3, 2.01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := compare(rec, tt.run)
			if err != nil {
				t.Fatal(err)
			}
			var fails []bool
			var ratios []float64
			for _, c := range cs {
				fails = append(fails, c.fail)
				ratios = append(ratios, c.ratio)
			}
			if diff := cmp.Diff(tt.fails, fails); diff != "" {
				t.Errorf("fails (-want +got):\n%s", diff)
			}
			approx := cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })
			if diff := cmp.Diff(tt.ratio, ratios, approx); diff != "" {
				t.Errorf("ratios (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompareMissing(t *testing.T) {
	rec := []recorded{{"site-small", "cpu", 3}}
	for name, run := range map[string]results{
		"no reference": {"site-small": {"cpu": 1.5}},
		"no figure":    {"ref": {"cpu": 0.5}, "site-small": {"wall": 1}},
		"no benchmark": {"ref": {"cpu": 0.5}},
	} {
		if _, err := compare(rec, run); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestCheckOutput(t *testing.T) {
	var b strings.Builder
	n, err := check(&b, []recorded{{"pcap-small", "cpu", 1}, {"pcap-small", "rss_mb", 40}},
		results{"ref": {"cpu": 0.5}, "pcap-small": {"cpu": 1.5, "rss_mb": 41}})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || !strings.Contains(b.String(), "3.00x FAIL") || !strings.Contains(b.String(), "1.02x ok") {
		t.Errorf("%d failures:\n%s", n, b.String())
	}
}

// TestRecordRoundTrip: what record prints, check reads back and passes.
func TestRecordRoundTrip(t *testing.T) {
	run := results{"ref": {"cpu": 0.4}, "site-small": {"wall": 4, "cpu": 1.6, "rss_mb": 150}, "workbook": {"cpu": 8, "rss_mb": 500}}
	var b strings.Builder
	if err := writeRecord(&b, run); err != nil {
		t.Fatal(err)
	}
	want := "site-small       cpu      4.000\nsite-small       rss_mb   150.000\nworkbook         cpu      20.000\nworkbook         rss_mb   500.000\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	rec, err := parseRecorded(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := check(&strings.Builder{}, rec, run); err != nil || n != 0 {
		t.Errorf("check of the recorded run: %d failures, %v", n, err)
	}
}

func TestTableRows(t *testing.T) {
	run := results{
		"pcap-full":  {"speedup": 41, "rss_mb": 300},
		"scale-full": {"eval_s": 9.5, "eval_rss_mb": 2900},
		"site-small": {"wall": 4.5, "cpu": 1.5, "rss_mb": 150},
		"workbook":   {"wall": 2.5, "rss_mb": 500},
	}
	var got []string
	for _, r := range tableRows(run) {
		got = append(got, r.measured+" "+r.met)
	}
	want := []string{"41.0x met", "300 MB NOT MET", "9.5 s, 2900 MB met", "4.5 s (cpu 1.5 s), 150 MB -", "2.50 s, 500 MB NOT MET"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
