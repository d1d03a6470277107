package zeek_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/slate-ot/slate/collectors/collectortest"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

func flowsOf(d traffic.Data, protocol string) []traffic.Flow {
	var out []traffic.Flow
	for _, f := range d.Flows {
		if f.Protocol == protocol {
			out = append(out, f)
		}
	}
	return out
}

func attrValues(fs []traffic.Flow, key string) []string {
	var out []string
	for _, f := range fs {
		if f.Facts != nil {
			if v, ok := f.Facts.Attrs[key]; ok {
				out = append(out, v)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestCoreLogs reads Zeek's own test-suite logs and checks facts counted
// by hand from the files.
func TestCoreLogs(t *testing.T) {
	t.Run("ssh", func(t *testing.T) {
		dir, files := stage(t, "core/scripts.base.protocols.ssh.basic")
		d := collect(t, zeek.New(), "zeek", dir, files)
		// ssh.log has 22 records on 22 connections.
		if n := len(flowsOf(d, "ssh")); n != 22 {
			t.Errorf("ssh flows = %d, want 22", n)
		}
		sw := attrValues(flowsOf(d, "ssh"), "server_software")
		// The software is the banner's up to the first space, as the
		// capture dissector keeps it ("OpenSSH_6.6.1p1 Ubuntu-2ubuntu2").
		if !slices.Contains(sw, "OpenSSH_5.8") || !slices.Contains(sw, "OpenSSH_6.6.1p1") {
			t.Errorf("server software = %v", sw)
		}
		// Nine sessions pair an SSH-1.5 client with an SSH-1.99 server:
		// both versions are kept, and SSH 1 is offered.
		if v := attrValues(flowsOf(d, "ssh"), "version"); !slices.Equal(v, []string{"1.5|1.99", "1.99|2.0", "2.0"}) {
			t.Errorf("versions = %v, want [1.5|1.99 1.99|2.0 2.0]", v)
		}
	})
	t.Run("rdp", func(t *testing.T) {
		dir, files := stage(t, "core/scripts.base.protocols.rdp.rdp-to-ssl")
		d := collect(t, zeek.New(), "zeek", dir, files)
		rdp := flowsOf(d, "rdp")
		// rdp.log: every session negotiated HYBRID, i.e. NLA.
		if len(rdp) == 0 || !slices.Equal(attrValues(rdp, "nla"), []string{"true"}) {
			t.Errorf("rdp flows %d, nla %v", len(rdp), attrValues(rdp, "nla"))
		}
	})
	t.Run("ftp anonymous", func(t *testing.T) {
		dir, files := stage(t, "core/scripts.base.protocols.ftp.ftp-ipv4")
		d := collect(t, zeek.New(), "zeek", dir, files)
		ftp := flowsOf(d, "ftp")
		if len(ftp) != 1 || !slices.Equal(attrValues(ftp, "anonymous"), []string{"true"}) || len(d.Credentials) != 0 {
			t.Errorf("ftp flows %d, anonymous %v, credentials %v", len(ftp), attrValues(ftp, "anonymous"), d.Credentials)
		}
	})
	t.Run("modbus and other traffic on 502", func(t *testing.T) {
		dir, files := stage(t, "core/scripts.base.protocols.modbus.modbus_and_non_modbus_on_port_502")
		d := collect(t, zeek.New(), "zeek", dir, files)
		// conn.log: one connection Zeek confirmed as modbus; the others
		// on 502/tcp are dce_rpc or unknown and keep Zeek's service.
		var payload int
		for _, f := range flowsOf(d, "modbus") {
			if f.IdentifiedBy == "payload" {
				payload++
			}
		}
		if payload != 1 {
			t.Errorf("modbus flows identified by payload = %d, want 1", payload)
		}
		if svc := attrValues(d.Flows, "zeek_service"); !slices.Contains(svc, "dce_rpc") {
			t.Errorf("zeek_service values %v, want dce_rpc among them", svc)
		}
	})
}

// TestTenzirLogs reads real, unnormalised sensor logs (gzip, Bro 2.x and
// a JSON streaming export).
func TestTenzirLogs(t *testing.T) {
	dir, _ := filepath.Abs("testdata/tenzir")
	t.Run("example capture logs", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join(dir, "example_pcap", "*.log.gz"))
		d := collect(t, zeek.New(), "zeek", dir, files)
		// conn.log: 23 records, all tcp, of 21 conversations (two
		// 4-tuples were logged twice); ssh.log 3 sessions, and a fourth
		// connection to 22/tcp Zeek named no service for carries bytes,
		// so it is labelled by port as the capture collector does.
		if len(d.Flows) != 21 {
			t.Errorf("flows = %d, want 21", len(d.Flows))
		}
		var names []string
		for _, p := range d.Protocols {
			names = append(names, p.Name)
		}
		if !slices.Equal(names, []string{"http", "ssh"}) {
			t.Errorf("protocols = %v", names)
		}
		var byPayload int
		for _, f := range flowsOf(d, "ssh") {
			if f.IdentifiedBy == "payload" {
				byPayload++
			}
		}
		if n := len(flowsOf(d, "ssh")); n != 4 || byPayload != 3 {
			t.Errorf("ssh flows = %d (%d by payload), want 4 (3)", n, byPayload)
		}
		// The capture the logs were made from gives the same
		// conversations and protocols.
		capture := collect(t, pcap.New(), "pcap", dir, []string{filepath.Join(dir, "example_pcap", "example.pcap.gz")})
		if got, want := summarise(d, []string{"http", "ssh"}), summarise(capture, []string{"http", "ssh"}); !reflect.DeepEqual(got.Conversations, want.Conversations) || !slices.Equal(got.Protocols, want.Protocols) {
			t.Errorf("logs %+v, capture %+v", got, want)
		}
		for _, in := range d.Inputs {
			if in.Sensor != "example_pcap" || !in.Gzip {
				t.Errorf("input %+v: want sensor example_pcap, gzip", in)
			}
		}
	})
	t.Run("json export", func(t *testing.T) {
		d := collect(t, zeek.New(), "zeek", dir, []string{filepath.Join(dir, "zeek.json")})
		var names []string
		for _, p := range d.Protocols {
			names = append(names, p.Name)
		}
		// The export holds one record of each log; conn, dnp3, modbus,
		// rdp, ssl, snmp, dns, ftp and http records name conversations.
		for _, want := range []string{"dnp3", "modbus", "rdp"} {
			if !slices.Contains(names, want) {
				t.Errorf("protocols %v lack %s", names, want)
			}
		}
	})
	t.Run("snmp community is classed, never kept", func(t *testing.T) {
		d := collect(t, zeek.New(), "zeek", dir, []string{filepath.Join(dir, "snmp.log.gz")})
		if len(d.Credentials) == 0 {
			t.Fatal("no snmp_community credential")
		}
		for _, c := range d.Credentials {
			if c.Kind != "snmp_community" || c.Strength != "default" || !c.Default || strings.Contains(c.User+c.Fingerprint, "public") {
				t.Errorf("credential %+v", c)
			}
		}
	})
}

func TestConformance(t *testing.T) {
	dir, _ := filepath.Abs("testdata/tenzir")
	bad := t.TempDir()
	p := filepath.Join(bad, "conn.log")
	if err := os.WriteFile(p, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "example_pcap", "*.log.gz"))
	collectortest.Conformance(t, zeek.New(), collectortest.Case{
		Good: evidence.Source{Kind: zeek.Kind, Name: "sensors", Dir: dir, Files: append(files, filepath.Join(dir, "zeek.json"))},
		Bad:  evidence.Source{Kind: zeek.Kind, Name: "bad", Dir: bad, Files: []string{p}},
	})
}
