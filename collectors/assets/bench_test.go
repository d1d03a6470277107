package assets_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/collectors/assets"
)

// BenchmarkCollectCSV reads a 50,000-row export: the rate at which a site's
// inventory is read, and (with -benchmem) what a row costs.
func BenchmarkCollectCSV(b *testing.B) {
	const rows = 50_000
	dir := b.TempDir()
	path := filepath.Join(dir, "big.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Hostname,IP Address,MAC Address,Vendor,Model,Firmware,Zone,Last Patched,Notes")
	for i := range rows {
		fmt.Fprintf(w, "host-%05d,10.%d.%d.%d/24,00:1d:9c:%02x:%02x:%02x,Siemens,S7-1500,V2.9.%d,Cell 1,2024-03-%02d,\"rack %d, slot %d\"\n",
			i, i>>16&255, i>>8&255, i&255, i>>16&255, i>>8&255, i&255, i%10, i%28+1, i%40, i%8)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{path}, nil)
	c := assets.New()
	for b.Loop() {
		doc, err := c.Collect(context.Background(), src)
		if err != nil {
			b.Fatal(err)
		}
		if doc.Provenance.RecordsRead != rows {
			b.Fatalf("read %d rows, want %d", doc.Provenance.RecordsRead, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkCollectXLSX reads a register of 11,110 rows of text cells, one
// of the six of bench/site.sh's site in size: the rate at which a
// workbook's rows are read, checked first within the workbook limits.
func BenchmarkCollectXLSX(b *testing.B) {
	const rows = 11_110
	dir := b.TempDir()
	path := filepath.Join(dir, "register.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"Hostname", "IP Address", "MAC Address", "Manufacturer", "Model", "Firmware", "Zone", "Criticality", "Last Patched", "End of Support"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i := range rows {
		row := []any{fmt.Sprintf("cell-01-%05d", i), fmt.Sprintf("10.16.%d.%d", i>>8&255, i&255+1), fmt.Sprintf("00:0e:8c:30:%02x:%02x", i>>8&255, i&255),
			"Siemens", "S7-1516F-3 PN/DP", fmt.Sprintf("V2.9.%d", i%10), "cell-01", "High", fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), "2028-12-31"}
		if err := sw.SetRow(fmt.Sprintf("A%d", i+2), row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	src := newSource(dir, []string{path}, nil)
	c := assets.New()
	for b.Loop() {
		doc, err := c.Collect(context.Background(), src)
		if err != nil {
			b.Fatal(err)
		}
		if doc.Provenance.RecordsRead != rows {
			b.Fatalf("read %d rows, want %d", doc.Provenance.RecordsRead, rows)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
