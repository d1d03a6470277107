package advisory

import (
	"fmt"
	"testing"

	"github.com/slate-ot/slate/evidence/advisory/vers"
)

// scale builds n advisories of 20 products each over 50 vendors (one in
// ten names a whole product family besides), and m assets: a third with
// an order number an advisory names, a third with a product name, a third
// of vendors no advisory names; one in ten without firmware.
func scale(n, m int) ([]Source, []Subject) {
	srcs := make([]Source, n)
	for i := range n {
		vendor := fmt.Sprintf("Vendor %02d GmbH", i%50)
		a := Advisory{ID: fmt.Sprintf("ICSA-%05d", i), InitialRelease: "2025-01-01T00:00:00Z", CurrentRelease: "2025-01-01T00:00:00Z",
			File: fmt.Sprintf("csaf/%05d.json", i)}
		var ids []string
		for j := range 20 {
			line := i*20 + j
			r := vers.Parse(fmt.Sprintf("< V%d.%d.%d", j%5+1, i%10, j), false)
			name := fmt.Sprintf("Controller %d-%d", line, j)
			if j == 0 && i%10 == 0 {
				name = "SIMATIC S7-1500 CPU family"
			}
			p := Product{ID: fmt.Sprintf("P%d", j), Vendor: vendor, ProductName: name, Name: name, Version: r.Raw, Range: &r,
				ModelNumbers: []string{fmt.Sprintf("6ES7%03d-%dAB%02d-0AB0", line%1000, j%10, line/1000)}}
			a.Products = append(a.Products, p)
			ids = append(ids, p.ID)
		}
		a.Vulnerabilities = []Vulnerability{{CVE: fmt.Sprintf("CVE-2025-%05d", i), Status: Status{KnownAffected: ids},
			Scores:       []Score{{Version: "3.1", Base: float64(i%10) + 0.5}},
			Remediations: []Remediation{{Category: "vendor_fix", Details: "Update to V9.9", FixedVersion: "V9.9"}}}}
		srcs[i] = Source{Advisory: a, Document: "advisories/bench"}
	}
	subs := make([]Subject, m)
	for k := range m {
		i, j := k%n, k%20
		line := i*20 + j
		s := Subject{Ref: fmt.Sprintf("asset:%06d", k), Source: "inventory", Vendor: fmt.Sprintf("Vendor %02d", i%50), Firmware: fmt.Sprintf("V%d.%d", k%6, k%10)}
		switch k % 3 {
		case 0:
			s.OrderNumber = fmt.Sprintf("6ES7 %03d-%dAB%02d-0AB0", line%1000, j%10, line/1000)
		case 1:
			s.Model = fmt.Sprintf("Controller %d-%d", line, j)
		default:
			s.Vendor = fmt.Sprintf("Other %d", k%200)
			s.Model = fmt.Sprintf("Device %d", k)
		}
		if k%10 == 0 {
			s.Firmware = ""
		}
		subs[k] = s
	}
	return srcs, subs
}

// BenchmarkMatch is the scale the project promises: 5,000 advisories
// against 100,000 assets (figures in docs/performance.md).
func BenchmarkMatch(b *testing.B) {
	srcs, subs := scale(5000, 100000)
	b.ResetTimer()
	for b.Loop() {
		ix := NewIndex(srcs, nil, "2026-11-01")
		res := ix.Match(subs)
		if len(res.Matches) == 0 {
			b.Fatal("no matches")
		}
	}
}

// TestMatchScale checks what the benchmark measures, at a tenth of its
// scale: every asset of a matched vendor with an order number or a
// product name finds its advisories. Speed is the benchmark's to report
// (docs/performance.md), never a timed test's.
func TestMatchScale(t *testing.T) {
	srcs, subs := scale(500, 10000)
	res := NewIndex(srcs, nil, "2026-11-01").Match(subs)
	if len(res.Matches) < 6000 {
		t.Errorf("%d matches of 10,000 assets, want at least 6,000", len(res.Matches))
	}
}
