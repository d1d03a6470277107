package zeek_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/traffic"
)

// connID is the conn_id columns every protocol log starts with.
const connID = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p"

const icsnppDir = "is_orig source_h source_p destination_h destination_p"

// projections name the columns of test-suite logs piped through zeek-cut,
// which drops every header line (see testdata/NOTICE.md).
var projections = map[string]string{
	"icsnpp/modbus/analyzer.basic/modbus.log": connID + " func exception",
	"icsnpp/enip/analyzer.basic/enip.log": connID + " " + icsnppDir +
		" enip_command_code enip_command length session_handle enip_status sender_context options",
	"icsnpp/enip/analyzer.basic/cip.log": connID + " " + icsnppDir +
		" cip_sequence_count direction cip_service_code cip_service cip_status_code cip_status cip_extended_status_code cip_extended_status class_id class_name instance_id attribute_id",
	"icsnpp/enip/analyzer.basic/cip_io.log": connID + " " + icsnppDir + " connection_id sequence_number data_length io_data",
	"icsnpp/enip/analyzer.basic/cip_identity.log": connID + " " + icsnppDir +
		" encapsulation_version socket_address socket_port vendor_id vendor_name device_type_id device_type_name product_code revision device_status serial_number product_name device_state",
}

// denormalise undoes what btest's canonifiers did to a baseline, so that
// the log reads as Zeek wrote it: it drops the "###" lines, restores the
// tab after #open and #close with a time, gives masked timestamps
// increasing values (one microsecond apart, in line order) and puts back
// the header of a projected log. The collector itself accepts none of
// these normalised forms.
func denormalise(t *testing.T, rel string, raw []byte) []byte {
	t.Helper()
	var out []string
	if cols, ok := projections[rel]; ok {
		name := strings.TrimSuffix(filepath.Base(rel), ".log")
		out = append(out, "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-",
			"#path\t"+name, "#fields\t"+strings.Join(strings.Fields(cols), "\t"))
	}
	n := 0
	for _, line := range strings.Split(string(raw), "\n") {
		switch {
		case strings.HasPrefix(line, "###"):
			continue
		case strings.HasPrefix(line, "#open "), strings.HasPrefix(line, "#close "):
			k, _, _ := strings.Cut(line, " ")
			line = k + "\t2020-01-01-00-00-00"
		}
		for strings.Contains(line, "XXXXXXXXXX.XXXXXX") {
			n++
			line = strings.Replace(line, "XXXXXXXXXX.XXXXXX", fmt.Sprintf("1577836800.%06d", n), 1)
		}
		out = append(out, line)
	}
	return []byte(strings.Join(out, "\n"))
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
			dst := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, denormalise(t, rel, raw), 0o644); err != nil {
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
	return d
}

// summary is what the logs and the capture must agree on.
type summary struct {
	Protocols     []string
	Conversations map[string]int // by protocol
	Ops           []string       // protocol class name, request classes only
}

var requestClasses = []string{traffic.ClassRead, traffic.ClassWrite, traffic.ClassControl, traffic.ClassProgram, traffic.ClassDiagnostic}

func summarise(d traffic.Data, protocols []string) summary {
	s := summary{Conversations: map[string]int{}}
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
		s.Conversations[f.Protocol]++
		if f.Facts == nil {
			continue
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
	return s
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
		},
		{
			name: "s7comm", trace: "icsnpp/s7comm/traces/snap7.pcap",
			logs: []string{"icsnpp/s7comm/analyzer.snap7"}, protocols: []string{"s7comm"},
		},
		{
			name: "bacnet", trace: "icsnpp/bacnet/traces/bacnet_example.pcap",
			logs: []string{"icsnpp/bacnet/analyzer.basic"}, protocols: []string{"bacnet"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			abs, err := filepath.Abs(filepath.Join("testdata", tc.trace))
			if err != nil {
				t.Fatal(err)
			}
			fromCapture := summarise(collect(t, pcap.New(), "pcap", filepath.Dir(abs), []string{abs}), tc.protocols)
			dir, files := stage(t, tc.logs...)
			fromLogs := summarise(collect(t, zeek.New(), "zeek", dir, files), tc.protocols)
			for k, n := range tc.conversations {
				fromCapture.Conversations[k] = n
			}
			fromCapture.Ops = adjust(fromCapture.Ops, tc.onlyLogs, tc.onlyCapture)
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
