package zeek_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// projections are the columns of the test-suite logs piped through
// zeek-cut, which drops every header line, by path pattern under testdata
// (see testdata/icsnpp/projections.txt and testdata/NOTICE.md).
var projections = sync.OnceValues(func() ([][2]string, error) {
	raw, err := os.ReadFile(filepath.Join("testdata", "icsnpp", "projections.txt"))
	if err != nil {
		return nil, err
	}
	var out [][2]string
	for i, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pat, cols, ok := strings.Cut(line, "\t")
		if !ok || cols == "" {
			return nil, fmt.Errorf("projections.txt:%d: want a pattern, a tab and the columns", i+1)
		}
		out = append(out, [2]string{pat, cols})
	}
	return out, nil
})

// projection is the columns of the projected log rel, if it is one.
func projection(t *testing.T, rel string) (string, bool) {
	t.Helper()
	ps, err := projections()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if ok, _ := path.Match(p[0], rel); ok {
			return p[1], true
		}
	}
	return "", false
}

// denormalise undoes what btest's canonifiers did to a baseline, so that
// the log reads as Zeek wrote it: it drops the "###" lines, restores the
// tab after #open and #close with a time, gives masked timestamps
// increasing values (one microsecond apart, in line order), puts #close
// back after the data (a sorted baseline has it before) and puts back the
// header of a projected log. A baseline the test only touched (no header,
// no data) gives nil: Zeek writes no such file. The collector itself
// accepts none of these normalised forms.
func denormalise(t *testing.T, rel string, raw []byte) []byte {
	t.Helper()
	var out []string
	if cols, ok := projection(t, rel); ok {
		name := strings.TrimSuffix(filepath.Base(rel), ".log")
		out = append(out, "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-",
			"#path\t"+name, "#fields\t"+strings.Join(strings.Fields(cols), "\t"))
	}
	n := 0
	closing := ""
	for _, line := range strings.Split(string(raw), "\n") {
		switch {
		case strings.HasPrefix(line, "###"), line == "":
			continue
		case strings.HasPrefix(line, "#open"):
			line = "#open\t2020-01-01-00-00-00"
		case strings.HasPrefix(line, "#close"):
			closing = "#close\t2020-01-01-00-00-00"
			continue
		}
		for strings.Contains(line, "XXXXXXXXXX.XXXXXX") {
			n++
			line = strings.Replace(line, "XXXXXXXXXX.XXXXXX", fmt.Sprintf("1577836800.%06d", n), 1)
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		return nil
	}
	if closing != "" {
		out = append(out, closing)
	}
	return []byte(strings.Join(out, "\n") + "\n")
}

// stage copies the logs of dirs (under testdata) into a temporary
// assessment directory, denormalised, and returns it with the files.
func stage(t *testing.T, dirs ...string) (string, []string) {
	t.Helper()
	root := t.TempDir()
	var files []string
	for _, d := range dirs {
		ents, err := os.ReadDir(filepath.Join("testdata", d))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".log") {
				continue
			}
			rel := d + "/" + e.Name()
			raw, err := os.ReadFile(filepath.Join("testdata", rel))
			if err != nil {
				t.Fatal(err)
			}
			log := denormalise(t, rel, raw)
			if log == nil {
				continue
			}
			dst := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, log, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, dst)
		}
	}
	slices.Sort(files)
	return root, files
}

func collect(t *testing.T, c interface {
	Collect(context.Context, evidence.Source) (evidence.Document, error)
}, kind, dir string, files []string) traffic.Data {
	t.Helper()
	doc, err := c.Collect(context.Background(), evidence.Source{Kind: kind, Name: "t", Dir: dir, Files: files})
	if err != nil {
		t.Fatalf("collect %s: %v", kind, err)
	}
	var d traffic.Data
	if err := json.Unmarshal(doc.Data, &d); err != nil {
		t.Fatal(err)
	}
	// The data as written (traffic.Encode, member by member) is the
	// data as encoding/json and evidence.Canonical write it.
	if want, err := evidence.Canonical(d); err != nil || !bytes.Equal(doc.Data, want) {
		t.Errorf("document data is not evidence.Canonical of itself (%v):\n%s\nwant:\n%s", err, doc.Data, want)
	}
	return d
}

// summary is what the logs and the capture must agree on.
type summary struct {
	Protocols     []string
	Conversations map[string]int // by protocol
	Ops           []string       // protocol class name, of the classes below
	// Attrs are the values of some attributes over the flows (see
	// keepAttrs), Credentials the protocol, kind, user and strength of
	// each credential seen.
	Attrs       map[string][]string
	Credentials []string
}

// keepAttrs keeps the attributes of keys only.
func (s *summary) keepAttrs(keys []string) {
	maps.DeleteFunc(s.Attrs, func(k string, _ []string) bool { return !slices.Contains(keys, k) })
}

// requestClasses are the classes of what a client asks for; responses
// and errors follow from them.
var requestClasses = []string{traffic.ClassRead, traffic.ClassWrite, traffic.ClassControl, traffic.ClassProgram, traffic.ClassDiagnostic, traffic.ClassSession}

// summarise gives the summary of the flows of protocols in d.
func summarise(d traffic.Data, protocols []string) summary {
	s, _ := summariseIP(d, protocols, false)
	return s
}

// summariseIP is summarise without the layer-2 flows (no IP: PROFINET RT
// and DCP, GOOSE) when dropL2 is set; it returns how many it left out.
func summariseIP(d traffic.Data, protocols []string, dropL2 bool) (summary, int) {
	s := summary{Conversations: map[string]int{}, Attrs: map[string][]string{}}
	dropped := 0
	for _, p := range d.Protocols {
		if slices.Contains(protocols, p.Name) {
			s.Protocols = append(s.Protocols, p.Name)
		}
	}
	seen := map[string]bool{}
	for _, f := range d.Flows {
		if !slices.Contains(protocols, f.Protocol) {
			continue
		}
		if dropL2 && f.Transport != "tcp" && f.Transport != "udp" {
			dropped++
			continue
		}
		s.Conversations[f.Protocol]++
		if f.Facts == nil {
			continue
		}
		for k, v := range f.Facts.Attrs {
			for x := range strings.SplitSeq(v, "|") {
				if !slices.Contains(s.Attrs[k], x) {
					s.Attrs[k] = append(s.Attrs[k], x)
				}
			}
		}
		for _, o := range f.Facts.Ops {
			k := f.Protocol + " " + o.Class + " " + o.Name
			if slices.Contains(requestClasses, o.Class) && !seen[k] {
				seen[k] = true
				s.Ops = append(s.Ops, k)
			}
		}
	}
	slices.Sort(s.Ops)
	for _, v := range s.Attrs {
		slices.Sort(v)
	}
	for _, c := range d.Credentials {
		if slices.Contains(protocols, c.Protocol) {
			s.Credentials = append(s.Credentials, c.Protocol+" "+c.Kind+" "+c.User+" "+c.Strength)
		}
	}
	slices.Sort(s.Credentials)
	s.Credentials = slices.Compact(s.Credentials)
	return s, dropped
}

// TestAgreesWithCapture holds the collector to the capture collector on
// public captures whose Zeek logs the ICSNPP test suites publish: the same
// protocols, the same number of conversations per protocol and the same
// kinds of OT operations. Every difference allowed is listed with why.
func TestAgreesWithCapture(t *testing.T) {
	tests := []struct {
		name      string
		trace     string
		logs      []string
		protocols []string
		// onlyLogs and onlyCapture are operations one side records and
		// the other cannot, each with its reason.
		onlyLogs, onlyCapture map[string]string
		// conversations overrides the capture's count per protocol,
		// with the reason.
		conversations map[string]int
		// layer2 is why the capture's layer-2 flows are left out, if
		// they are; the capture must have some.
		layer2 string
		// attrs are the attributes whose values must agree.
		attrs []string
		// secrets is why the logs cannot show the credentials the
		// capture has, if they cannot; the capture must have some.
		secrets string
	}{
		{
			name: "modbus", trace: "icsnpp/modbus/traces/modbus_example.pcap",
			logs: []string{"icsnpp/modbus/analyzer.basic"}, protocols: []string{"modbus"},
		},
		{
			name: "dnp3", trace: "icsnpp/dnp3/traces/dnp3_example.pcap",
			logs: []string{"icsnpp/dnp3/analyzer.basic"}, protocols: []string{"dnp3"},
		},
		{
			name: "enip", trace: "icsnpp/enip/traces/enip_cip_example.pcap",
			logs: []string{"icsnpp/enip/analyzer.basic"}, protocols: []string{"enip"},
			attrs: []string{"vendor_id", "product_name", "product_code", "revision"},
		},
		{
			name: "s7comm", trace: "icsnpp/s7comm/traces/snap7.pcap",
			logs: []string{"icsnpp/s7comm/analyzer.snap7"}, protocols: []string{"s7comm"},
		},
		{
			name: "bacnet", trace: "icsnpp/bacnet/traces/bacnet_example.pcap",
			logs: []string{"icsnpp/bacnet/analyzer.basic"}, protocols: []string{"bacnet"},
			secrets: "ICSNPP's bacnet.log names the ReinitializeDevice service and its password-failure error " +
				"but not the password the request carried",
		},
		{
			name: "opcua", trace: "icsnpp/opcua_binary/traces/open62541_client-server_mainloop.pcap",
			logs: []string{"icsnpp/opcua_binary/analyzer.basic"}, protocols: []string{"opcua"},
			attrs: []string{"endpoint_url", "security_mode", "security_policy", "user_token"},
		},
		{
			name: "profinet mixed", trace: "icsnpp/profinet_io_cm/traces/profinet_io_cm_mixed_1.pcap",
			logs: []string{"icsnpp/profinet_io_cm/tests.profinet_io_cm_mixed_1"}, protocols: []string{"profinet"},
			attrs: []string{"vendor_device_id"},
			layer2: "PROFINET RT (cyclic I/O, alarms), DCP and PTCP are Ethernet frames without IP: Zeek's conn.log " +
				"has IP connections only and ICSNPP's PROFINET parser reads the IO-CM RPC over UDP, so no Zeek log has them",
		},
		{
			name: "profinet device", trace: "icsnpp/profinet_io_cm/traces/profinet_io_cm_device.pcapng",
			logs: []string{"icsnpp/profinet_io_cm/tests.profinet_io_cm_device"}, protocols: []string{"profinet"},
			attrs: []string{"vendor_device_id"},
		},
		{
			name: "profinet read", trace: "icsnpp/profinet_io_cm/traces/profinet_io_cm_read.pcapng",
			logs: []string{"icsnpp/profinet_io_cm/tests.profinet_io_cm_read"}, protocols: []string{"profinet"},
		},
		{
			name: "profinet release", trace: "icsnpp/profinet_io_cm/traces/profinet_io_cm_release.pcapng",
			logs: []string{"icsnpp/profinet_io_cm/tests.profinet_io_cm_release"}, protocols: []string{"profinet"},
		},
		{
			name: "profinet connect", trace: "icsnpp/profinet_io_cm/traces/profinet_io_cm_connect_minimal.pcapng",
			logs: []string{"icsnpp/profinet_io_cm/tests.profinet_io_cm_connect_minimal"}, protocols: []string{"profinet"},
		},
		{
			name: "c37118 tcp", trace: "icsnpp/synchrophasor/traces/C37.118_1PMU_TCP.pcap",
			logs: []string{"icsnpp/synchrophasor/analyzer.1PMU_TCP"}, protocols: []string{"c37118"},
			attrs: []string{"idcode"},
		},
		{
			name: "c37118 udp", trace: "icsnpp/synchrophasor/traces/C37.118_1PMU_UDP.pcap",
			logs: []string{"icsnpp/synchrophasor/analyzer.1PMU_UDP"}, protocols: []string{"c37118"},
			attrs: []string{"idcode"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			abs, err := filepath.Abs(filepath.Join("testdata", tc.trace))
			if err != nil {
				t.Fatal(err)
			}
			fromCapture, l2 := summariseIP(collect(t, pcap.New(), "pcap", filepath.Dir(abs), []string{abs}), tc.protocols, tc.layer2 != "")
			if tc.layer2 != "" && l2 == 0 {
				t.Errorf("the capture has no layer-2 flow to leave out (%s)", tc.layer2)
			}
			dir, files := stage(t, tc.logs...)
			fromLogs := summarise(collect(t, zeek.New(), "zeek", dir, files), tc.protocols)
			for k, n := range tc.conversations {
				fromCapture.Conversations[k] = n
			}
			for o, why := range tc.onlyCapture {
				if !slices.Contains(fromCapture.Ops, o) {
					t.Errorf("exception %q (%s): the capture does not have it", o, why)
				}
			}
			for o, why := range tc.onlyLogs {
				if !slices.Contains(fromLogs.Ops, o) {
					t.Errorf("exception %q (%s): the logs do not have it", o, why)
				}
			}
			fromCapture.Ops = adjust(fromCapture.Ops, tc.onlyLogs, tc.onlyCapture)
			if tc.secrets != "" {
				if len(fromCapture.Credentials) == 0 {
					t.Errorf("the capture has no credential (%s)", tc.secrets)
				}
				fromCapture.Credentials = nil
			}
			fromCapture.keepAttrs(tc.attrs)
			fromLogs.keepAttrs(tc.attrs)
			for _, k := range tc.attrs {
				if len(fromLogs.Attrs[k]) == 0 {
					t.Errorf("the logs gave no attribute %s", k)
				}
			}
			if len(fromLogs.Ops) == 0 || len(fromLogs.Protocols) == 0 {
				t.Fatalf("the logs gave no protocol or operation: %+v", fromLogs)
			}
			if diff := gocmp.Diff(fromCapture, fromLogs); diff != "" {
				t.Errorf("capture and logs disagree (-capture +logs):\n%s", diff)
			}
		})
	}
}

// adjust adds to the capture's operations those only the logs can show
// and drops those only the capture can.
func adjust(ops []string, onlyLogs, onlyCapture map[string]string) []string {
	out := slices.DeleteFunc(slices.Clone(ops), func(o string) bool { _, ok := onlyCapture[o]; return ok })
	for o := range onlyLogs {
		out = append(out, o)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
