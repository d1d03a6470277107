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

// merger makes one source's flows of its files' tables, in file order.
// The flows of the first file with any are taken as they are (a file's
// table holds each conversation once, so they need no lookup); those of
// later files are looked up by key, through an index made when the
// second such file comes.
type merger struct {
	src      evidence.Source
	opts     options
	captures []traffic.Input
	flows    []*flow
	facts    []*dissect.Facts // of each flow, nil for none
	index    flowIndex        // of flows, once indexed
	indexed  bool
	dropped  int
	arps     []arpKey
	arpSeen  map[arpKey]bool
}

func newMerger(src evidence.Source, opts options) *merger {
	return &merger{src: src, opts: opts, arpSeen: map[arpKey]bool{}}
}

// add merges one file's results. Its table's flows become the merger's:
// the table must not be used again.
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
	if len(m.flows) > 0 && !m.indexed {
		for i, f := range m.flows {
			m.index.add(uint32(f.key.hash()), i)
		}
		m.indexed = true
	}
	for _, f := range t.order {
		var facts *dissect.Facts
		if f.rec != nil {
			fs := f.rec.Take()
			facts = &fs
		}
		// What was only needed while reading goes now.
		f.rec, f.held, f.d, f.fd = nil, nil, nil, nil
		p, h := -1, uint32(0)
		if m.indexed {
			p, h = m.index.find(&f.key, m.flows)
		}
		if p < 0 {
			if len(m.flows) >= m.opts.maxFlows {
				m.dropped++
				continue
			}
			if m.indexed {
				m.index.add(h, len(m.flows))
			}
			m.flows = append(m.flows, f)
			m.facts = append(m.facts, facts)
			continue
		}
		// The same conversation in another file: add it up, oriented
		// as first seen.
		g := m.flows[p]
		i, j := 0, 1
		if f.clientIsA != g.clientIsA {
			i, j = 1, 0
		}
		g.pkts[0] += f.pkts[i]
		g.pkts[1] += f.pkts[j]
		g.bytes[0] += f.bytes[i]
		g.bytes[1] += f.bytes[j]
		g.first, g.last = min(g.first, f.first), max(g.last, f.last)
		if f.hs == 7 {
			g.hs = 7
		}
		g.prioTag = g.prioTag || f.prioTag
		g.gaps += f.gaps
		g.skipped += f.skipped
		if g.by != byPayload && f.by == byPayload || g.by == byNone {
			g.by, g.name = f.by, f.name
		}
		m.facts[p] = traffic.MergeFacts(m.facts[p], facts)
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

func (m *merger) flowRecord(f *flow, facts *dissect.Facts) traffic.Flow {
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
		Handshake: f.hs == 7, Gaps: f.gaps, Skipped: f.skipped, Facts: facts, PriorityTagged: f.prioTag,
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
	flows := make([]traffic.Flow, 0, len(m.flows))
	for i, f := range m.flows {
		flows = append(flows, m.flowRecord(f, m.facts[i]))
	}
	bindings := make([]traffic.Binding, 0, len(m.arps))
	for _, k := range m.arps {
		_, addr := ipString(k.ip)
		bindings = append(bindings, traffic.Binding{IP: addr, MAC: k.mac, VLAN: int(k.vlan[0]), Zone: m.zoneFor(addr, k.vlan)})
	}
	return traffic.Build(m.captures, flows, bindings, m.dropped)
}
