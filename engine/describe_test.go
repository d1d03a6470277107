package engine

import (
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// TestDescribeInput: the size of the input a timed-out check was given,
// in records per evidence kind (packets for captures), with thousands
// separated as a person reads them.
func TestDescribeInput(t *testing.T) {
	doc := func(kind string, records int) evidence.Document {
		return evidence.Document{Kind: kind, Provenance: evidence.Provenance{RecordsRead: records}}
	}
	for _, tc := range []struct {
		docs []evidence.Document
		want string
	}{
		{nil, "no evidence"},
		{[]evidence.Document{doc("assets", 1)}, "assets: 1 record in 1 document"},
		{[]evidence.Document{doc("pcap", 4365632), doc("assets", 1000000), doc("pcap", 0), doc("assets", 0)},
			"assets: 1,000,000 records in 2 documents; pcap: 4,365,632 packets in 2 documents"},
		{[]evidence.Document{doc("mfa", 999)}, "mfa: 999 records in 1 document"},
	} {
		if got := describeInput(&evidence.Bundle{Documents: tc.docs}); got != tc.want {
			t.Errorf("describeInput = %q, want %q", got, tc.want)
		}
	}
}
