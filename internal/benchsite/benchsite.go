// Package benchsite is the shape of the large generated site the
// benchmarks assess: twelve zones, seventeen conduits between them, four
// capture spans, hosts placed in the zones by weight, and the mixing
// function that makes a plant's traffic repeat (the same client polls the
// same server all day). engine's BenchmarkScale builds the site's evidence
// in memory; bench/gensite writes it to disk as the collectors' input
// files. Both take the zones, conduits and hosts from here so that the two
// measure the same site.
//
// It imports nothing of the project.
package benchsite

import (
	"fmt"
	"slices"
)

// Size is how much evidence the site has.
type Size struct{ Assets, Flows, Devices, Users int }

// Sizes are the sizes the benchmarks run: small (1 % of the assets, flows
// and devices), medium (10 %) and full.
var Sizes = map[string]Size{
	"small":  {Assets: 1_000, Flows: 10_000, Devices: 10, Users: 300},
	"medium": {Assets: 10_000, Flows: 100_000, Devices: 100, Users: 300},
	"full":   {Assets: 100_000, Flows: 1_000_000, Devices: 1_000, Users: 3_000},
}

func (s Size) String() string {
	return fmt.Sprintf("assets=%d,flows=%d,devices=%d,users=%d", s.Assets, s.Flows, s.Devices, s.Users)
}

// Zone is one zone of the site. Zone i holds the network 10.(10+i).0.0/16;
// Weight is its share of the assets.
type Zone struct {
	Name, Kind, Owner string
	SL, Weight, VLAN  int
}

// Zones are the site's zones: the enterprise, IT services, a DMZ, SCADA,
// engineering, safety and six production cells.
var Zones = func() []Zone {
	zs := []Zone{
		{Name: "enterprise", Kind: "it", Owner: "IT", SL: 1, Weight: 20, VLAN: 10},
		{Name: "it-services", Kind: "it", Owner: "IT", SL: 2, Weight: 4, VLAN: 11},
		{Name: "dmz", Kind: "dmz", Owner: "IT", SL: 2, Weight: 1, VLAN: 12},
		{Name: "scada", Kind: "ot", Owner: "OT", SL: 3, Weight: 3, VLAN: 13},
		{Name: "engineering", Kind: "ot", Owner: "OT", SL: 3, Weight: 2, VLAN: 14},
		{Name: "safety", Kind: "ot", Owner: "OT", SL: 3, Weight: 3, VLAN: 15},
	}
	for c := 1; c <= 6; c++ {
		zs = append(zs, Zone{Name: fmt.Sprintf("cell-%02d", c), Kind: "ot", Owner: "OT", SL: 2, Weight: 11, VLAN: 100 + c})
	}
	return zs
}()

// ZoneIndex is the index in Zones of the zone named name, -1 if none.
func ZoneIndex(name string) int {
	return slices.IndexFunc(Zones, func(z Zone) bool { return z.Name == name })
}

// Conduit is a declared path between two zones, with the protocol,
// transport and port of the traffic generated through it.
type Conduit struct {
	From, To            string
	Services            []string
	Protocol, Transport string
	Port                int
}

// Conduits are the site's seventeen conduits.
var Conduits = func() []Conduit {
	cs := []Conduit{
		{From: "enterprise", To: "dmz", Services: []string{"https", "rdp"}, Protocol: "tls", Transport: "tcp", Port: 443},
		{From: "dmz", To: "scada", Services: []string{"opcua", "tcp/443", "rdp"}, Protocol: "opcua", Transport: "tcp", Port: 4840},
		{From: "scada", To: "it-services", Services: []string{"ntp", "dns"}, Protocol: "ntp", Transport: "udp", Port: 123},
		{From: "scada", To: "safety", Services: []string{"opcua"}, Protocol: "opcua", Transport: "tcp", Port: 4840},
		{From: "engineering", To: "safety", Services: []string{"tcp/102"}, Protocol: "s7comm", Transport: "tcp", Port: 102},
	}
	for c := 1; c <= 6; c++ {
		cell := fmt.Sprintf("cell-%02d", c)
		cs = append(cs,
			Conduit{From: "scada", To: cell, Services: []string{"s7comm", "modbus", "tcp/44818"}, Protocol: "s7comm", Transport: "tcp", Port: 102},
			Conduit{From: "engineering", To: cell, Services: []string{"s7comm", "tcp/502-503"}, Protocol: "modbus", Transport: "tcp", Port: 502})
	}
	return cs
}()

// Spans are the capture sources: span ports of the core switch and of the
// cell and safety switches. A flow is captured where its server is.
var Spans = []string{"span-core", "span-cells-a", "span-cells-b", "span-safety"}

// SpanOf is the index in Spans of the span that captures a zone's servers.
func SpanOf(zone string) int {
	switch zone {
	case "cell-01", "cell-02", "cell-03":
		return 1
	case "cell-04", "cell-05", "cell-06":
		return 2
	case "safety":
		return 3
	}
	return 0
}

// Mix spreads a conversation number over hosts, a different way for each
// salt.
func Mix(conv, salt int) int {
	h := uint64(conv)*0x9e3779b97f4a7c15 ^ uint64(salt+1)*0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return int(h >> 1)
}

// totalWeight is the sum of the zones' weights.
var totalWeight = func() int {
	t := 0
	for _, z := range Zones {
		t += z.Weight
	}
	return t
}()

// AssetZone spreads assets (or anything numbered) over the zones by
// weight: the index of the zone of number i.
func AssetZone(i int) int {
	k := i % totalWeight
	for zi, z := range Zones {
		if k < z.Weight {
			return zi
		}
		k -= z.Weight
	}
	return 0
}

// TotalWeight is the sum of the zones' weights.
func TotalWeight() int { return totalWeight }

// Hosts places size.Assets hosts in the zones by weight: the addresses
// by zone index, 10.(10+zone).n/250.n%250+1.
func Hosts(size Size) [][]string {
	hosts := make([][]string, len(Zones))
	for i := range size.Assets {
		zi := AssetZone(i)
		n := len(hosts[zi])
		hosts[zi] = append(hosts[zi], fmt.Sprintf("10.%d.%d.%d", 10+zi, n/250, n%250+1))
	}
	return hosts
}

// Converse returns the number of the host at one side (0 client, 1
// server) of conversation conv among n hosts.
func Converse(n, conv, side int) int { return Mix(conv, side) % n }
