package zeek_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// writeTree writes a log tree of two sensors and twelve hourly files
// each (conn and ssl), in which the same conversations recur from file to
// file with MACs, services and TLS versions that change between files,
// so that every merge rule is at work: sums, first and last times, the
// first citation, the earliest file's MAC, services in order of
// appearance, the protocol by port then by payload, and facts merged.
func writeTree(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	write := func(rel string, lines []string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	services := []string{"", "ssl", "modbus", "ssl,http", "-"}
	versions := []string{"TLSv12", "TLSv10", "TLSv13"}
	for s, sensor := range []string{"sensor-a", "sensor-b"} {
		for h := range 12 {
			var conn, ssl []string
			for i := range 40 {
				ts := 1_700_000_000 + h*3600 + i
				cli, srv := fmt.Sprintf("10.0.%d.%d", s, i%13), fmt.Sprintf("10.1.0.%d", i%5)
				port := []int{443, 502, 8080}[i%3]
				svc := services[(h+i)%len(services)]
				svcField := `"service":"` + svc + `",`
				if svc == "-" {
					svcField = ""
				}
				mac := fmt.Sprintf("00:00:00:00:%02x:%02x", s, (h/3+i)%7)
				conn = append(conn, fmt.Sprintf(`{"ts":%d.5,"uid":"C%d%d%d","id.orig_h":"%s","id.orig_p":%d,"id.resp_h":"%s","id.resp_p":%d,"proto":"tcp",%s"duration":%d.25,"orig_bytes":%d,"resp_bytes":%d,"history":"ShADad","orig_pkts":%d,"resp_pkts":%d,"orig_ip_bytes":%d,"resp_ip_bytes":%d,"orig_l2_addr":"%s","vlan":%d}`,
					ts, s, h, i, cli, 40000+i%4, srv, port, svcField, i%3, i*10, i*20, i+1, i+2, i*10+40, i*20+40, mac, 10+i%2))
				if port == 443 && (h+i)%2 == 0 {
					ssl = append(ssl, fmt.Sprintf(`{"ts":%d.6,"uid":"C%d%d%d","id.orig_h":"%s","id.orig_p":%d,"id.resp_h":"%s","id.resp_p":%d,"version":"%s","server_name":"h%d.example"}`,
						ts, s, h, i, cli, 40000+i%4, srv, port, versions[(h+i)%3], h%2))
				}
			}
			// One UDP conversation that Zeek splits into conn records
			// each way (a reply after the inactivity timeout): every
			// other file has it the other way round.
			a, b := fmt.Sprintf("10.2.%d.1", s), fmt.Sprintf("10.2.%d.2", s)
			if h%2 == 1 {
				a, b = b, a
			}
			conn = append(conn, fmt.Sprintf(`{"ts":%d.5,"uid":"CU%d%d","id.orig_h":"%s","id.orig_p":47808,"id.resp_h":"%s","id.resp_p":47808,"proto":"udp","service":"bacnet","orig_pkts":2,"resp_pkts":%d,"orig_ip_bytes":120,"resp_ip_bytes":%d}`,
				1_700_000_000+h*3600, s, h, a, b, h, 60*h))
			day := fmt.Sprintf("2023-11-%02d", 14+h/6)
			span := fmt.Sprintf("%02d:00:00-%02d:00:00", h, h+1)
			write(filepath.Join(sensor, day, "conn."+span+".log"), conn)
			write(filepath.Join(sensor, day, "ssl."+span+".log"), ssl)
		}
	}
	return files
}

func collectData(t *testing.T, dir string, files []string) []byte {
	t.Helper()
	doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "s", Dir: dir, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Data
}

// TestCollectOrder holds the evidence to the same bytes whatever the
// number of workers and the order the files are named in.
func TestCollectOrder(t *testing.T) {
	dir := t.TempDir()
	files := writeTree(t, dir)
	collect := func(procs int, files []string, maxFlows int) []byte {
		t.Helper()
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		opts := map[string]any{}
		if maxFlows > 0 {
			opts["max_flows"] = maxFlows
		}
		doc, err := zeek.New().Collect(context.Background(), evidence.Source{Kind: "zeek", Name: "s", Dir: dir, Files: files, Options: opts})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		fmt.Fprintf(&b, "%+v\n", doc.Provenance)
		b.Write(doc.Data)
		return b.Bytes()
	}
	// The UDP conversation split each way is one flow, oriented as its
	// first record: 2 packets from the originator in each of the six
	// files that have it that way plus the replies of the other six
	// (hours 1, 3, ... 11), and the other way round.
	var d traffic.Data
	if err := json.Unmarshal(collectData(t, dir, files), &d); err != nil {
		t.Fatal(err)
	}
	var split []string
	for _, f := range d.Flows {
		if strings.HasPrefix(f.Client.IP, "10.2.0.") || strings.HasPrefix(f.Server.IP, "10.2.0.") {
			split = append(split, fmt.Sprintf("%s>%s %d/%d", f.Client.IP, f.Server.IP, f.PacketsToSrv, f.PacketsToCli))
		}
	}
	if want := []string{"10.2.0.1>10.2.0.2 48/42"}; !slices.Equal(split, want) {
		t.Errorf("split UDP conversation: %v, want %v", split, want)
	}
	sorted := slices.Sorted(slices.Values(files))
	reversed := slices.Clone(sorted)
	slices.Reverse(reversed)
	shuffled := slices.Clone(sorted)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, maxFlows := range []int{0, 50} {
		want := collect(1, sorted, maxFlows)
		if !bytes.Contains(want, []byte(`"tls"`)) || !bytes.Contains(want, []byte(`TLS1.0|TLS1.2`)) {
			t.Fatalf("max_flows %d: the tree's TLS facts are missing:\n%.2000s", maxFlows, want)
		}
		if maxFlows > 0 && !bytes.Contains(want, []byte("over max_flows (50)")) {
			t.Fatalf("max_flows %d: no warning of dropped conversations", maxFlows)
		}
		for _, procs := range []int{1, 2, 3, 4} {
			for name, order := range map[string][]string{"sorted": sorted, "reversed": reversed, "shuffled": shuffled} {
				if got := collect(procs, order, maxFlows); !bytes.Equal(got, want) {
					t.Errorf("max_flows %d, GOMAXPROCS %d, %s files: the evidence differs from one worker's on sorted files", maxFlows, procs, name)
				}
			}
		}
	}
}
