package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors"
	"github.com/slate-ot/slate/engine"
)

// BenchmarkAssess runs the whole pipeline on a generated inventory, to see
// how collection and evaluation scale with the number of assets.
func BenchmarkAssess(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("assets=%d", n), func(b *testing.B) {
			var csv strings.Builder
			csv.WriteString("hostname,ip,mac,vendor,model,firmware,last patched\n")
			for i := range n {
				fw := "V2.9"
				if i%10 == 0 {
					fw = ""
				}
				fmt.Fprintf(&csv, "dev-%05d,10.30.%d.%d,00:1b:1b:%02x:%02x:%02x,Siemens,S7-1500,%s,2026-0%d-01\n",
					i, (i/250)%256, i%250+1, i>>16&0xff, i>>8&0xff, i&0xff, fw, i%9+1)
			}
			hcl := strings.Replace(site, `networks  = ["10.30.0.0/24"]`, `networks  = ["10.30.0.0/16"]`, 1) +
				"\nsource \"assets\" \"inv\" {\n  files = [\"inv.csv\"]\n}\n"
			dir := writeSiteB(b, hcl, map[string]string{"inv.csv": csv.String()})
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := engine.Assess(context.Background(), dir, collectors.Default, engine.Options{Getenv: func(string) string { return "" }}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "assets/s")
		})
	}
}
