package pcap

import (
	"fmt"
	"net"
	"net/netip"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// Data is the document data: what policies see as
// input.evidence.pcap[_].data, the traffic model (evidence/traffic).
type Data = traffic.Data

// merged is one flow across files.
type merged struct {
	f     flow
	facts *dissect.Facts
}

type merger struct {
	src      evidence.Source
	opts     options
	captures []traffic.Input
	flows    map[flowKey]*merged
	order    []*merged
	dropped  int
	arps     []arpKey
	arpSeen  map[arpKey]bool
}

func newMerger(src evidence.Source, opts options) *merger {
	return &merger{src: src, opts: opts, flows: map[flowKey]*merged{}, arpSeen: map[arpKey]bool{}}
}

func (m *merger) add(r *fileResult) {
	c := r.capture
	if c.Packets > 0 {
		c.FirstSeen, c.LastSeen = stamp(r.first), stamp(r.last)
	}
	m.captures = append(m.captures, c)
	t := r.table
	if t == nil {
		return
	}
	m.dropped += t.dropped
	for _, k := range t.arpList {
		if !m.arpSeen[k] {
			m.arpSeen[k] = true
			m.arps = append(m.arps, k)
		}
	}
	for _, f := range t.order {
		var facts *dissect.Facts
		if f.rec != nil {
			fs := f.rec.Facts()
			facts = &fs
		}
		g := m.flows[f.key]
		if g == nil {
			if len(m.flows) >= m.opts.maxFlows {
				m.dropped++
				continue
			}
			g = &merged{f: *f, facts: facts}
			g.f.rec, g.f.streams = nil, [2]stream{}
			m.flows[f.key] = g
			m.order = append(m.order, g)
			continue
		}
		// The same conversation in another file: add it up, oriented
		// as first seen.
		i, j := 0, 1
		if f.clientIsA != g.f.clientIsA {
			i, j = 1, 0
		}
		g.f.pkts[0] += f.pkts[i]
		g.f.pkts[1] += f.pkts[j]
		g.f.bytes[0] += f.bytes[i]
		g.f.bytes[1] += f.bytes[j]
		g.f.first, g.f.last = min(g.f.first, f.first), max(g.f.last, f.last)
		if f.hs == 7 {
			g.f.hs = 7
		}
		g.f.prioTag = g.f.prioTag || f.prioTag
		g.f.gaps += f.gaps
		g.f.skipped += f.skipped
		if g.f.by != byPayload && f.by == byPayload || g.f.by == byNone {
			g.f.by, g.f.name = f.by, f.name
		}
		g.facts = traffic.MergeFacts(g.facts, facts)
	}
}

func stamp(ns int64) string { return dissect.Stamp(ns) }

func ipString(b [16]byte) (string, netip.Addr) {
	a := netip.AddrFrom16(b).Unmap()
	return a.String(), a
}

func macString(b [6]byte) string { return net.HardwareAddr(b[:]).String() }

// zoneFor places an address, or failing that a VLAN, in a declared zone.
func (m *merger) zoneFor(a netip.Addr, vlan [2]uint16) string {
	return traffic.Place(m.src.Zones, a, int(vlan[0]), int(vlan[1]))
}

func (m *merger) flowRecord(g *merged) traffic.Flow {
	f := &g.f
	k := f.key
	cli, srv := 0, 1 // index into ends
	if !f.clientIsA {
		cli, srv = 1, 0
	}
	ends := [2][16]byte{k.a, k.b}
	ports := [2]uint16{k.pa, k.pb}
	out := traffic.Flow{
		VLAN: int(k.vlan[0]), InnerVLAN: int(k.vlan[1]),
		Protocol: f.name, FirstSeen: stamp(f.first), LastSeen: stamp(f.last),
		PacketsToSrv: f.pkts[0], PacketsToCli: f.pkts[1], BytesToSrv: f.bytes[0], BytesToCli: f.bytes[1],
		Handshake: f.hs == 7, Gaps: f.gaps, Skipped: f.skipped, Facts: g.facts, PriorityTagged: f.prioTag,
	}
	switch f.by {
	case byPayload:
		out.IdentifiedBy = "payload"
	case byPort:
		if f.name != "" {
			out.IdentifiedBy = "port"
		}
	case byEtherType:
		out.IdentifiedBy = "ethertype"
	}
	switch k.proto {
	case 0:
		out.Transport = "l2"
		out.EtherType = fmt.Sprintf("0x%04x", k.pa)
		if k.pa < 0x600 { // an LLC flow, keyed by its SAP
			out.EtherType, out.LLCSAP = "", fmt.Sprintf("0x%02x", k.pa)
		}
		var cm, sm [6]byte
		copy(cm[:], ends[cli][:6])
		copy(sm[:], ends[srv][:6])
		out.Client = traffic.Endpoint{MAC: macString(cm), Zone: m.zoneFor(netip.Addr{}, k.vlan)}
		out.Server = traffic.Endpoint{MAC: macString(sm), Zone: m.zoneFor(netip.Addr{}, k.vlan)}
	default:
		out.Transport = "udp"
		if k.proto == 6 {
			out.Transport = "tcp"
		}
		cs, ca := ipString(ends[cli])
		ss, sa := ipString(ends[srv])
		out.Client = traffic.Endpoint{IP: cs, Port: int(ports[cli]), Zone: m.zoneFor(ca, k.vlan)}
		out.Server = traffic.Endpoint{IP: ss, Port: int(ports[srv]), Zone: m.zoneFor(sa, k.vlan)}
		out.Client.Group, out.Server.Group = f.group[0], f.group[1]
		if f.haveMAC[0] {
			out.Client.MAC = macString(f.mac[0])
		}
		if f.haveMAC[1] {
			out.Server.MAC = macString(f.mac[1])
		}
	}
	out.ID = traffic.FlowID(&out)
	return out
}

func (m *merger) data() Data {
	flows := make([]traffic.Flow, 0, len(m.order))
	for _, g := range m.order {
		flows = append(flows, m.flowRecord(g))
	}
	bindings := make([]traffic.Binding, 0, len(m.arps))
	for _, k := range m.arps {
		_, addr := ipString(k.ip)
		bindings = append(bindings, traffic.Binding{IP: addr, MAC: k.mac, VLAN: int(k.vlan[0]), Zone: m.zoneFor(addr, k.vlan)})
	}
	return traffic.Build(m.captures, flows, bindings, m.dropped)
}
