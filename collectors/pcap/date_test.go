package pcap_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// TestEvidenceDate checks the date a capture source is held to max_age
// by: the day of the last packet of the capture that ended first.
func TestEvidenceDate(t *testing.T) {
	dir := t.TempDir()
	// A classic pcap header with no packets: a capture that says nothing
	// about when it was taken.
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1)
	empty := filepath.Join(dir, "empty.pcap")
	if err := os.WriteFile(empty, hdr, 0o644); err != nil {
		t.Fatal(err)
	}
	corpus, err := filepath.Abs("testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	ftp := filepath.Join(corpus, "ftp_ipv4.pcap")   // last packet 2012-02-21
	http := filepath.Join(corpus, "http_vlan.pcap") // last packet 2013-03-07
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{"one capture", []string{ftp}, "2012-02-21"},
		{"the older of two", []string{ftp, http}, "2012-02-21"},
		{"the older of two, either order", []string{http, ftp}, "2012-02-21"},
		{"an empty capture is passed over", []string{empty, http}, "2013-03-07"},
		{"no packets, no date", []string{empty}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, data, err := collect(t, newSource(dir, tt.files))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Provenance.EvidenceDate; got != tt.want {
				t.Errorf("EvidenceDate = %q, want %q", got, tt.want)
			}
			// The date agrees with what the captures record.
			for _, c := range data.Inputs {
				if tt.want != "" && c.LastSeen != "" && c.LastSeen[:10] < tt.want {
					t.Errorf("capture %s ends %s, before the evidence date %s", c.Path, c.LastSeen, tt.want)
				}
			}
		})
	}
}
