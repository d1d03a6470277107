//go:build ignore

// gen writes table.txt.gz, the embedded MA-L (24-bit OUI) table, from the
// IEEE registry CSV that Debian's ieee-data package ships:
//
//	apt-get install -y ieee-data
//	go generate ./evidence/traffic/oui
//
// Each line of the table is six hex digits, a tab and a short vendor name,
// sorted by prefix.
package main

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
)

func main() {
	in := "/usr/share/ieee-data/oui.csv"
	if len(os.Args) > 1 {
		in = os.Args[1]
	}
	f, err := os.Open(in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	seen := map[string]string{}
	for _, row := range rows[1:] {
		if len(row) < 3 || row[0] != "MA-L" || len(row[1]) != 6 {
			continue
		}
		seen[strings.ToUpper(row[1])] = short(row[2])
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out, err := os.Create("table.txt.gz")
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	for _, k := range keys {
		fmt.Fprintf(zw, "%s\t%s\n", k, seen[k])
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := out.Close(); err != nil {
		log.Fatal(err)
	}
}

// short trims a registrant's name to something a report can show: company
// suffixes and punctuation dropped, at most 32 bytes.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, suf := range []string{",", ".", " Co", " Ltd", " LTD", " Inc", " INC", " Corp", " Corporation", " GmbH", " AG", " LLC", " S.A", " Limited", " Co.,Ltd", " co.,ltd", " Technologies", " Technology", " Electronics"} {
		for strings.HasSuffix(s, suf) && len(s) > len(suf) {
			s = strings.TrimSpace(strings.TrimSuffix(s, suf))
		}
	}
	s = strings.TrimRight(s, " ,.")
	if len(s) > 32 {
		s = strings.TrimSpace(s[:32])
	}
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c > 0x7e || c == '\t' {
			b[i] = '?'
		}
	}
	return string(b)
}
