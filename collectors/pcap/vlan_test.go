package pcap_test

import (
	"path/filepath"
	"strings"
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

// TestBACnetEthernet: BACnet carried directly in 802.3/LLC frames (SAP
// 0x82) is a bacnet flow keyed by the SAP; other LLC frames (spanning
// tree, SAP 0x42) are not flows.
func TestBACnetEthernet(t *testing.T) {
	llc := func(dst []byte, sap byte, tag []byte, npdu ...byte) []byte {
		b := append(append([]byte(nil), dst...), 0x00, 0x1b, 0x1b, 0, 0, 1)
		if tag != nil {
			b = append(b, 0x81, 0x00)
			b = append(b, tag...)
		}
		body := append([]byte{sap, sap, 0x03}, npdu...)
		b = append(b, byte(len(body)>>8), byte(len(body)))
		b = append(b, body...)
		for len(b) < 60 {
			b = append(b, 0) // Ethernet padding past the 802.3 length
		}
		return b
	}
	bcast := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	tests := []struct {
		name     string
		frames   [][]byte
		flows    int
		ops      []string // class/name
		priority bool
	}{
		{"who-is", [][]byte{llc(bcast, 0x82, nil, 0x01, 0x00, 0x10, 0x08)}, 1, []string{"diagnostic/who-Is"}, false},
		{"readProperty, priority-tagged", [][]byte{llc(macs[:6], 0x82, []byte{0xa0, 0x00}, 0x01, 0x04, 0x00, 0x05, 0x01, 0x0c, 0x0c, 0x02, 0x00, 0x00, 0x01, 0x19, 0x4d)},
			1, []string{"read/readProperty"}, true},
		{"spanning tree is not a flow", [][]byte{llc([]byte{0x01, 0x80, 0xc2, 0, 0, 0}, 0x42, nil, 0, 0, 0, 0)}, 0, nil, false},
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
			if len(data.Flows) != tc.flows {
				t.Fatalf("flows = %d, want %d", len(data.Flows), tc.flows)
			}
			if tc.flows == 0 {
				return
			}
			fl := data.Flows[0]
			if fl.Protocol != "bacnet" || fl.Transport != "l2" || fl.LLCSAP != "0x82" || fl.EtherType != "" || fl.PriorityTagged != tc.priority {
				t.Errorf("flow %s %s sap %q ethertype %q priority %v", fl.Protocol, fl.Transport, fl.LLCSAP, fl.EtherType, fl.PriorityTagged)
			}
			var ops []string
			if fl.Facts != nil {
				for _, o := range fl.Facts.Ops {
					ops = append(ops, o.Class+"/"+o.Name)
				}
			}
			if strings.Join(ops, ",") != strings.Join(tc.ops, ",") {
				t.Errorf("ops %v, want %v", ops, tc.ops)
			}
		})
	}
}
