package traffic

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// TestEncode holds Encode to evidence.Canonical: the same bytes for data
// without flows (null and []), with flows whose facts need their keys
// sorted and strings escaped, and with alerts after the flows; and the
// flows are gone from the data afterwards.
func TestEncode(t *testing.T) {
	flow := func(id string) Flow {
		return Flow{ID: id, Transport: "tcp", Protocol: "modbus", IdentifiedBy: "port",
			Client: Endpoint{IP: "10.0.0.1", Port: 40000}, Server: Endpoint{IP: "10.0.0.2", Port: 502},
			FirstSeen: "2026-10-28T08:00:00.000000000Z", LastSeen: "2026-10-28T08:00:01.000000000Z",
			Facts: &Facts{Ops: []Op{{Class: "read", Name: "read_holding_registers", Code: 3, Count: 2}},
				Attrs:  map[string]string{"z": "1", "a": "<&> \"quoted\" \u2028", "unit_ids": "1|2"},
				Events: []Event{{Kind: "modbus_exception", Message: "exception 2 to read\tcoils"}}}}
	}
	tests := []struct {
		name string
		data Data
	}{
		{name: "no flows (nil)", data: Data{Inputs: []Input{{Path: "conn.log", Format: "conn", LinkTypes: []string{}}}}},
		{name: "no flows (empty)", data: Data{Flows: []Flow{}, FlowsDropped: 3}},
		{name: "one flow", data: Data{Flows: []Flow{flow("f1")}}},
		{name: "flows, assets and alerts", data: Data{
			Inputs: []Input{{Path: "eve.json", Format: "eve", LinkTypes: []string{}}},
			Flows:  []Flow{flow("f2"), flow("f1"), {ID: "f3", Transport: "udp"}},
			Assets: []Asset{{ID: "a1", IPs: []string{"10.0.0.2"}}}, Protocols: []Protocol{{Name: "modbus"}},
			FlowsDropped: 1, Alerts: []Alert{{Flow: "f1", Signature: "ET SCAN \"x\"", Count: 1}}, AlertsDropped: 2}},
	}
	// More flows than one batch per core, twice over, and not a multiple
	// of a batch: the batches' order and the commas between them.
	many := Data{Inputs: []Input{{Path: "conn.log", Format: "conn", LinkTypes: []string{}}}}
	for i := range 4*512*max(2, runtime.GOMAXPROCS(0)) + 7 {
		f := flow(fmt.Sprintf("f%05d", i))
		if i%3 == 0 {
			f.Facts = nil
		}
		many.Flows = append(many.Flows, f)
	}
	tests = append(tests, struct {
		name string
		data Data
	}{name: "many flows", data: many})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := evidence.Canonical(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			d := tc.data
			got, err := Encode(&d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Encode:\n%s\nwant evidence.Canonical:\n%s", got, want)
			}
			for i, f := range tc.data.Flows {
				if f.ID != "" || f.Facts != nil {
					t.Errorf("flow %d not cleared once written: %+v", i, f)
				}
			}
		})
	}
}

// TestWriter holds Writer to Encode of Build over the same flows, given
// in batches of every size: generated flows (every field filled, see
// fill) on a few devices, so that assets, protocol totals and
// credentials are made of many flows; with bindings, without flows, and
// out of order.
func TestWriter(t *testing.T) {
	s := &source{rnd: rand.New(rand.NewPCG(3, 4))}
	ips := []string{"10.0.0.1", "10.0.0.2", "10.0.1.7", "192.168.1.255", "224.0.0.1", "fe80::1", "", "not an ip"}
	macs := []string{"", "00:1b:1b:00:00:01", "00:1b:1b:00:00:02", "01:00:5e:00:00:01", "ff:ff:ff:ff:ff:ff"}
	protocols := []string{"", "modbus", "s7comm", "profinet", "dns", "http"}
	gen := func(n int) []Flow {
		flows := make([]Flow, n)
		for i := range flows {
			f := &flows[i]
			fill(reflect.ValueOf(f).Elem(), s, 0)
			f.Transport = []string{"tcp", "udp", "l2"}[s.next(3)]
			f.Protocol = protocols[s.next(len(protocols))]
			f.VLAN = s.next(3) * 10
			for _, e := range []*Endpoint{&f.Client, &f.Server} {
				e.IP, e.MAC, e.Port = ips[s.next(len(ips))], macs[s.next(len(macs))], s.next(3)*502
			}
			if f.Facts != nil && s.next(2) == 0 {
				f.Facts.Attrs = map[string]string{"io_device_end": "client"}
			}
			f.ID = FlowID(f)
		}
		slices.SortFunc(flows, func(a, b Flow) int { return strings.Compare(a.ID, b.ID) })
		return flows
	}
	inputs := []Input{{Path: "b.log", Format: "conn", LinkTypes: []string{}}, {Path: "a.log", Format: "conn", LinkTypes: []string{}}}
	bindings := []Binding{{IP: netip.MustParseAddr("10.0.0.9"), MAC: [6]byte{0, 0x1b, 0x1b, 0, 0, 9}, VLAN: 10, Zone: "cell"}}
	for _, tc := range []struct {
		name     string
		flows    int
		batch    int
		bindings []Binding
	}{
		{name: "no flows", flows: 0, batch: 1},
		{name: "one flow", flows: 1, batch: 1},
		{name: "one at a time", flows: 300, batch: 1, bindings: bindings},
		{name: "batches", flows: 5000, batch: 777},
		{name: "one batch", flows: 3000, batch: 3000, bindings: bindings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flows := gen(tc.flows)
			d := Build(slices.Clone(inputs), slices.Clone(flows), tc.bindings, 7)
			want, err := Encode(&d)
			if err != nil {
				t.Fatal(err)
			}
			w := NewWriter()
			for lo := 0; lo < len(flows); lo += tc.batch {
				batch := flows[lo:min(lo+tc.batch, len(flows))]
				if err := w.Add(batch); err != nil {
					t.Fatal(err)
				}
				for i, f := range batch {
					if f.ID != "" || f.Facts != nil {
						t.Fatalf("flow %d not cleared once written", lo+i)
					}
				}
			}
			got, err := w.Data(slices.Clone(inputs), tc.bindings, 7)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Writer:\n%.2000s\nwant Encode(Build(...)):\n%.2000s", got, want)
			}
		})
	}
	t.Run("out of order", func(t *testing.T) {
		w := NewWriter()
		if err := w.Add([]Flow{{ID: "flow:2"}, {ID: "flow:1"}}); err == nil {
			t.Error("Add took flows out of id order")
		}
		w = NewWriter()
		if err := w.Add([]Flow{{ID: "flow:2"}}); err != nil {
			t.Fatal(err)
		}
		if err := w.Add([]Flow{{ID: "flow:1"}}); err == nil {
			t.Error("Add took a batch before the last")
		}
	})
}
