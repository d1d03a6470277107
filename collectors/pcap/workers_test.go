package pcap_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/pcap"
)

// manyFlows is an Ethernet capture of n UDP and TCP conversations, their
// packets interleaved, with ARP replies among them (several per binding,
// to different destinations), GOOSE frames and a malformed frame now and
// then.
func manyFlows(n int) [][]byte {
	var out [][]byte
	for round := range 3 {
		for k := range n {
			cli, srv := [4]byte{10, 1, byte(k >> 8), byte(k)}, [4]byte{10, 2, 0, byte(k%7 + 1)}
			proto := byte(17)
			if k%3 == 0 {
				proto = 6
			}
			seg := make([]byte, 20, 32)
			sp, dp := uint16(40000+k), uint16(502)
			if round == 1 {
				cli, srv, sp, dp = srv, cli, dp, sp
			}
			binary.BigEndian.PutUint16(seg, sp)
			binary.BigEndian.PutUint16(seg[2:], dp)
			if proto == 6 {
				binary.BigEndian.PutUint32(seg[4:], uint32(round*12))
				seg[12], seg[13] = 5<<4, 0x18
			} else {
				seg = seg[:8]
				binary.BigEndian.PutUint16(seg[4:], 20)
			}
			seg = append(seg, 0, byte(round), 0, 0, 0, 6, 1, 3, 0, 0, 0, 2)
			ip := make([]byte, 20)
			ip[0] = 0x45
			binary.BigEndian.PutUint16(ip[2:], uint16(20+len(seg)))
			ip[8], ip[9] = 64, proto
			copy(ip[12:], cli[:])
			copy(ip[16:], srv[:])
			fr := append([]byte{0, 0x1b, 0x1b, 2, byte(k), 1, 0, 0x1b, 0x1b, 1, byte(k), 2, 8, 0}, append(ip, seg...)...)
			out = append(out, fr)
			if k%50 == round {
				arp := []byte{byte(k), 0, 0, 0, 0, 1, 0, 0x1b, 0x1b, 1, byte(k), 2, 8, 6, 0, 1, 8, 0, 6, 4, 0, 2,
					0, 0x1b, 0x1b, 1, byte(k), 2, 10, 1, byte(k >> 8), byte(k), 0, 0, 0, 0, 0, 0, 10, 2, 0, 1}
				out = append(out, arp)
			}
			if k%40 == 0 {
				out = append(out, []byte{1, 0x0c, 0xcd, 1, 0, 1, 0, 0x1b, 0x1b, 3, byte(k), 1, 0x88, 0xb8, 0, 1, 0, 8, 0, 0, 0, 0})
				out = append(out, fr[:30]) // cut inside the IP header
			}
		}
	}
	return out
}

// manyBindings is n ARP replies, each binding a new address to one of a
// few hundred MACs, every tenth sent again to another destination (so
// that one binding's frames may reach different workers).
func manyBindings(n int) [][]byte {
	out := make([][]byte, 0, n+n/10)
	for k := range n {
		mac := []byte{0, 0x1b, 0x1b, 7, byte(k % 300 >> 8), byte(k % 300)}
		fr := append([]byte{0, 0x1b, 0x1b, 9, 9, byte(k % 5)}, mac...)
		fr = append(fr, 8, 6, 0, 1, 8, 0, 6, 4, 0, 2)
		fr = append(fr, mac...)
		fr = append(fr, 10, byte(k>>16), byte(k>>8), byte(k), 0, 0x1b, 0x1b, 9, 9, 1, 10, 255, 255, 254)
		out = append(out, fr)
		if k%10 == 0 && k > 0 {
			again := append([]byte(nil), out[len(out)-2]...)
			again[5] ^= 0x40
			out = append(out, again)
		}
	}
	return out
}

// TestWorkersSameEvidence reads each capture, on its own, with 1, 2 and 8
// cores (one capture is then decoded by as many workers, its packets
// shared out by conversation) and checks the evidence is the same bytes,
// with and without max_flows.
func TestWorkersSameEvidence(t *testing.T) {
	tmp := t.TempDir()
	many := manyFlows(600)
	var files []string
	for _, pattern := range []string{
		"testdata/corpus/*.pcap*",
		"../../testdata/realworld/captures/*.pcap*",
		"../../examples/*/evidence/*.pcap*",
		"../zeek/testdata/icsnpp/*/traces/*.pcap*",
		"../suricata/testdata/tenzir/*.pcap*",
	} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if strings.HasSuffix(f, ".pcap") || strings.HasSuffix(f, ".pcapng") || strings.HasSuffix(f, ".gz") {
				files = append(files, f)
			}
		}
	}
	many1 := filepath.Join(tmp, "many.pcap")
	writePcap(t, many1, layers.LinkTypeEthernet, many...)
	cut, err := os.ReadFile(many1)
	if err != nil {
		t.Fatal(err)
	}
	arps := filepath.Join(tmp, "arp-many.pcap")
	writePcap(t, arps, layers.LinkTypeEthernet, manyBindings(3_000)...)
	defer pcap.SetMaxARP(1_000)()
	files = append(files, many1,
		writeFile(t, tmp, "many-truncated.pcap", cut[:len(cut)*2/3]),
		writeFile(t, tmp, "many.pcap.gz", gz(cut)),
		writeFile(t, tmp, "undated.pcapng", spbCapture(many[:200]...)))
	if len(files) < 30 {
		t.Fatalf("only %d captures found", len(files))
	}
	// Each capture on its own; then, as one source, three files of which
	// each is decoded by several workers at 8 cores; and more address
	// bindings than a table keeps (lowered to 1,000 for the test).
	sources := [][]string{{arps}, files[len(files)-4 : len(files)-1]}
	for _, f := range files {
		sources = append(sources, []string{f})
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, fs := range sources {
		name, err := filepath.Rel(".", fs[0])
		if err != nil || strings.HasPrefix(name, "..") && strings.HasPrefix(fs[0], tmp) {
			name = filepath.Base(fs[0])
		}
		if len(fs) > 1 {
			name = fmt.Sprintf("%d files", len(fs))
		}
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			for _, maxFlows := range []any{nil, json.Number("3"), json.Number("250")} {
				var want []byte
				for _, procs := range []int{1, 2, 8} {
					runtime.GOMAXPROCS(procs)
					src := newSource(filepath.Dir(fs[0]), fs)
					if maxFlows != nil {
						src.Options = map[string]any{"max_flows": maxFlows}
					}
					doc, err := pcap.New().Collect(context.Background(), src)
					if err != nil {
						t.Fatal(err)
					}
					got, err := json.Marshal(doc)
					if err != nil {
						t.Fatal(err)
					}
					if procs == 1 {
						want = got
						continue
					}
					if string(got) != string(want) {
						t.Fatalf("max_flows %v: %d cores give other evidence than one:\n%s\n%s", maxFlows, procs, want, got)
					}
				}
			}
		})
	}
}
