package traffic

import (
	"bytes"
	"fmt"
	"runtime"
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
