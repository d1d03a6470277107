package pcap_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/gopacket/gopacket/layers"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/evidence"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// corpusDir holds the public sample captures (BSD-3-Clause or CC-BY-4.0,
// see testdata/corpus/NOTICE.md), committed so that a clone runs these
// tests as they are.
const corpusDir = "testdata/corpus"

var zones = []evidence.Zone{
	{Name: "control", Networks: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.0.0/16")}},
	{Name: "dmz", Networks: []netip.Prefix{netip.MustParsePrefix("172.16.0.0/12")}, VLANs: []int{100}},
}

func newSource(dir string, files []string) evidence.Source {
	return evidence.Source{Kind: pcap.Kind, Name: "span", Dir: dir, Files: files, Options: map[string]any{},
		Zones: zones, FingerprintKey: []byte("0123456789abcdef0123456789abcdef")}
}

func collect(t testing.TB, src evidence.Source) (evidence.Document, pcap.Data, error) {
	t.Helper()
	doc, err := pcap.New().Collect(context.Background(), src)
	if err != nil {
		return doc, pcap.Data{}, err
	}
	var data pcap.Data
	if err := json.Unmarshal(doc.Data, &data); err != nil {
		t.Fatalf("decode data: %v", err)
	}
	return doc, data, nil
}

func corpusFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && filepath.Ext(e.Name()) != ".md" {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestCorpus reads every sample capture on its own: no warning, one
// capture with packets, flows.
func TestCorpus(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	for _, f := range corpusFiles(t, dir) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, data, err := collect(t, newSource(dir, []string{f}))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Provenance.Incomplete || len(doc.Provenance.Warnings) > 0 {
				t.Errorf("warnings: %v", doc.Provenance.Warnings)
			}
			if len(data.Inputs) != 1 || data.Inputs[0].Packets == 0 {
				t.Errorf("captures: %+v", data.Inputs)
			}
			if len(data.Flows) == 0 {
				t.Errorf("no flows")
			}
		})
	}
}

func TestGolden(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	for _, f := range corpusFiles(t, dir) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			doc, _, err := collect(t, newSource(dir, []string{f}))
			if err != nil {
				t.Fatal(err)
			}
			collectortest.GoldenJSON(t, filepath.Join("testdata/golden", name+".json"), doc, *update)
		})
	}
}

func TestAllCorpusTogether(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	files := corpusFiles(t, dir)
	_, all, err := collect(t, newSource(dir, files))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		_, one, err := collect(t, newSource(dir, []string{f}))
		if err != nil {
			t.Fatal(err)
		}
		n += len(one.Flows)
	}
	if len(all.Flows) > n || len(all.Inputs) != len(files) {
		t.Errorf("merged %d flows from %d captures; files alone give %d", len(all.Flows), len(all.Inputs), n)
	}
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty.pcap", nil},
		{"garbage.pcap", []byte("this is not a capture at all, just text\n")},
		{"gzip_garbage.pcap.gz", gz([]byte("plain text inside gzip"))},
		{"bad_gzip.pcap", []byte{0x1f, 0x8b, 0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, tc.name, tc.data)
			_, _, err := collect(t, newSource(dir, []string{p}))
			var ie *evidence.InputError
			if !errors.As(err, &ie) || ie.Path != tc.name {
				t.Fatalf("got %v, want an InputError naming %s", err, tc.name)
			}
		})
	}
}

// TestEveryBadCapture: several bad captures in one source are all
// reported, in file order, next to a good one, and no document is made.
func TestEveryBadCapture(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pcap")
	writePcap(t, good, layers.LinkTypeEthernet, cat(macs, []byte{0x08, 0x00}, udpIPv4([]byte{1})))
	files := []string{
		writeFile(t, dir, "a.pcap", []byte("this is not a capture at all, just text\n")),
		good,
		writeFile(t, dir, "b.pcap", nil),
	}
	doc, _, err := collect(t, newSource(dir, files))
	var many *evidence.InputErrors
	if !errors.As(err, &many) {
		t.Fatalf("got %T %v, want *evidence.InputErrors", err, err)
	}
	if doc.ID != "" {
		t.Error("a document came with the error")
	}
	var paths []string
	for _, e := range many.Errs {
		var ie *evidence.InputError
		if errors.As(e, &ie) {
			paths = append(paths, ie.Path)
		}
	}
	if strings.Join(paths, " ") != "a.pcap b.pcap" {
		t.Errorf("errors name %v, want a.pcap and b.pcap", paths)
	}
}

func TestTruncated(t *testing.T) {
	src, _ := filepath.Abs("testdata/corpus")
	dir := t.TempDir()
	for _, name := range []string{"modbus_example.pcap", "enip_set_attribute_single_vlan.pcapng", "dnp3_example.pcap", "opcua_open62541_client-server_mainloop.pcap"} {
		full, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, cut := range []int{len(full) / 3, len(full)/2 + 7, len(full) - 5} {
			for _, zip := range []bool{false, true} {
				b := full[:cut]
				if zip {
					b = gz(b)
				}
				p := writeFile(t, dir, "cut_"+name, b)
				doc, data, err := collect(t, newSource(dir, []string{p}))
				if err != nil {
					t.Fatalf("%s cut at %d (gzip %v): %v", name, cut, zip, err)
				}
				if !doc.Provenance.Incomplete || len(doc.Provenance.Warnings) == 0 || !data.Inputs[0].Truncated {
					t.Errorf("%s cut at %d (gzip %v): not marked incomplete: %+v", name, cut, zip, doc.Provenance)
				}
				if data.Inputs[0].Gzip != zip {
					t.Errorf("gzip = %v", data.Inputs[0].Gzip)
				}
			}
		}
	}
}

func TestGzipCapture(t *testing.T) {
	src, _ := filepath.Abs("testdata/corpus")
	full, err := os.ReadFile(filepath.Join(src, "modbus_example.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	plain := writeFile(t, dir, "a.pcap", full)
	zipped := writeFile(t, dir, "b.bin", gz(full))
	_, a, err := collect(t, newSource(dir, []string{plain}))
	if err != nil {
		t.Fatal(err)
	}
	_, b, err := collect(t, newSource(dir, []string{zipped}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Flows, b.Flows); diff != "" {
		t.Errorf("gzip flows differ:\n%s", diff)
	}
	if !b.Inputs[0].Gzip || b.Inputs[0].Format != "pcap" {
		t.Errorf("capture: %+v", b.Inputs[0])
	}
}

func TestOptions(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	src := newSource(dir, []string{filepath.Join(dir, "enip_cip_example.pcap")})
	src.Options = map[string]any{"max_flows": json.Number("2")}
	doc, data, err := collect(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Flows) != 2 || data.FlowsDropped == 0 || !doc.Provenance.Incomplete {
		t.Errorf("flows %d dropped %d", len(data.Flows), data.FlowsDropped)
	}
	src.Options = map[string]any{"max_flows": "many"}
	if _, _, err := collect(t, src); err == nil {
		t.Errorf("bad max_flows accepted")
	}
}

func TestProgress(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	files := corpusFiles(t, dir)
	var last, total int64
	c := pcap.New(pcap.WithProgress(func(r, tot int64) { last, total = r, tot }))
	if _, err := c.Collect(context.Background(), newSource(dir, files)); err != nil {
		t.Fatal(err)
	}
	if last != total || total == 0 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
}

func TestConformance(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	bad := t.TempDir()
	collectortest.Conformance(t, pcap.New(), collectortest.Case{
		Good: newSource(dir, []string{filepath.Join(dir, "modbus_example.pcap"), filepath.Join(dir, "http_vlan.pcap"), filepath.Join(dir, "iec61850_goose.pcap")}),
		Bad:  newSource(bad, []string{writeFile(t, bad, "notes.pcap", []byte("hello"))}),
	})
}

func TestVLANZone(t *testing.T) {
	dir, _ := filepath.Abs(corpusDir)
	src := newSource(dir, []string{filepath.Join(dir, "enip_set_attribute_single_vlan.pcapng"), filepath.Join(dir, "mixed_vlan_mpls.pcap")})
	src.Zones = []evidence.Zone{{Name: "cell", VLANs: []int{90}}, {Name: "office", Networks: []netip.Prefix{netip.MustParsePrefix("10.1.2.0/24")}, VLANs: []int{4093}}}
	_, data, err := collect(t, src)
	if err != nil {
		t.Fatal(err)
	}
	type end struct {
		Transport, Protocol, Client, Server string
		VLAN                                int
	}
	var got []end
	for _, f := range data.Flows {
		got = append(got, end{f.Transport, f.Protocol, f.Client.Zone, f.Server.Zone, f.VLAN})
	}
	want := []end{
		{"tcp", "enip", "cell", "cell", 90}, // by VLAN: no network matches
		{"tcp", "telnet", "office", "", 0},  // by network, through MPLS
		{"tcp", "http", "office", "office", 4093},
		{"tcp", "http", "", "", 0},
	}
	less := func(a, b end) bool { return fmt.Sprint(a) < fmt.Sprint(b) }
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(less)); diff != "" {
		t.Errorf("flow zones (-want +got):\n%s", diff)
	}
}
