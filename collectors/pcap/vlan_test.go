package pcap_test

import (
	"path/filepath"
	"testing"

	"github.com/gopacket/gopacket/layers"
)

// TestPriorityTagged: a flow whose frames carried an 802.1Q tag with
// VLAN id 0 (802.1p priority only) says so; untagged and VLAN-tagged
// flows do not.
func TestPriorityTagged(t *testing.T) {
	eth := func(tags ...[]byte) []byte {
		b := append([]byte(nil), macs...)
		for _, tag := range tags {
			b = append(b, 0x81, 0x00)
			b = append(b, tag...)
		}
		return append(b, 0x08, 0x00)
	}
	payload := udpIPv4([]byte{0x30, 0x00})
	tests := []struct {
		name     string
		frames   [][]byte
		vlan     int
		priority bool
	}{
		{"untagged", [][]byte{cat(eth(), payload)}, 0, false},
		{"priority tag, PCP 6, VLAN 0", [][]byte{cat(eth([]byte{0xc0, 0x00}), payload)}, 0, true},
		{"VLAN 10, PCP 6", [][]byte{cat(eth([]byte{0xc0, 0x0a}), payload)}, 10, false},
		{"one frame of two priority-tagged", [][]byte{cat(eth(), payload), cat(eth([]byte{0x00, 0x00}), payload)}, 0, true},
		{"stacked tags, outer 20, inner priority tag", [][]byte{cat(eth([]byte{0x00, 0x14}, []byte{0xa0, 0x00}), payload)}, 20, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "c.pcap")
			writePcap(t, f, layers.LinkTypeEthernet, tc.frames...)
			_, data, err := collect(t, newSource(dir, []string{f}))
			if err != nil {
				t.Fatal(err)
			}
			if len(data.Flows) != 1 {
				t.Fatalf("flows = %d, want 1", len(data.Flows))
			}
			fl := data.Flows[0]
			if fl.VLAN != tc.vlan || fl.PriorityTagged != tc.priority {
				t.Errorf("vlan %d, priority_tagged %v; want %d, %v", fl.VLAN, fl.PriorityTagged, tc.vlan, tc.priority)
			}
		})
	}
}
