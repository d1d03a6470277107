package zeek

import (
	"bufio"
	"bytes"
	"maps"
	"reflect"
	"slices"
	"testing"
)

// flatten is what a reader made of a line: every column by name.
func flatten(r *Record) map[string]value {
	out := map[string]value{}
	for k, i := range r.cols {
		v := r.vals[i]
		if v.isL && v.list == nil {
			v.list = []string{}
		}
		out[k] = v
	}
	return out
}

func newJSONReader() *jsonReader {
	return &jsonReader{lr: &lineReader{r: bufio.NewReader(bytes.NewReader(nil))}, name: "conn", info: &LogInfo{}}
}

// checkScan holds the fast scanner to the encoding/json path: on every
// line it accepts, the same columns with the same values; a line it does
// not accept is left to that path.
func checkScan(t *testing.T, lines ...[]byte) {
	fast := newJSONReader()
	for _, line := range lines {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		if !fast.fast(line) {
			continue
		}
		got := flatten(&fast.rec)
		slow := newJSONReader()
		var want map[string]value
		slow.fn = func(r *Record) error { want = flatten(r); return nil }
		if err := slow.slow(line); err != nil {
			t.Fatalf("%q: the scanner accepts what encoding/json rejects: %v", line, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nscanner  %v\nencoding %v\nkeys %v", line, got, want, slices.Sorted(maps.Keys(want)))
		}
		if fast.rec.Path != slow.rec.Path {
			t.Fatalf("%q: path %q, want %q", line, fast.rec.Path, slow.rec.Path)
		}
	}
}

func TestJSONScan(t *testing.T) {
	for _, line := range []string{
		`{"ts":1714557600.123456,"uid":"CHhAvVGS1DHFjwGM9","id.orig_h":"10.0.0.1","id.orig_p":502,"service":["modbus"],"local_orig":true,"x":null}`,
		`{"_path":"conn","ts":"2020-01-01T00:00:00Z","id":{"orig_h":"10.0.0.1","resp_h":"::1"},"tunnel_parents":[],"a":[[1,2],[null,"x"]]}`,
		`{"s":"tab\there \"q\" \\ \/ \u00e9 \ud83d\ude00 \ud800x","n":-0.5e-3,"f":false}`,
		`{ "a" : 1 , "b" : [ 1 , 2 ] }  `,
		`{"a":"é"}`,
		`{}`,
	} {
		checkScan(t, []byte(line))
		if !newJSONReader().fast([]byte(line)) {
			t.Errorf("the scanner leaves %s to encoding/json", line)
		}
	}
	// Lines with the same keys reuse the column map; others make their own.
	checkScan(t, []byte(`{"a":1,"b":2}`), []byte(`{"a":3,"b":4}`), []byte(`{"a":5}`), []byte(`{"b":6,"a":7}`), []byte(`{"a":1,"b":2,"c":3}`))
	for _, line := range []string{`{"a":1,"a":2}`, `{"a":1,"a":{"b":2}}`, `{"a":{"b":1},"a.b":2}`, `{"a":[{"b":1}]}`, `{"a":01}`, `{"a":1}x`, "{\"a\":\"\x01\"}", `{"a\u0041":1}`, "{\"a\":\"\xff\"}"} {
		if newJSONReader().fast([]byte(line)) {
			t.Errorf("the scanner takes %s; encoding/json should decide it", line)
		}
	}
}

// FuzzJSONScan: the fast scanner gives what encoding/json gives on every
// line it accepts.
func FuzzJSONScan(f *testing.F) {
	f.Add([]byte(`{"ts":1.5,"id":{"orig_h":"10.0.0.1"},"service":["modbus",null,[1]],"s":"\u00e9\n"}`))
	f.Add([]byte(`{"a":1,"b":[true,false]}` + "\n" + `{"a":2,"b":[]}` + "\n" + `{"b":1}`))
	f.Add([]byte(`{"a":"\ud83d\ude00","b":-1.5E+3}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		checkScan(t, bytes.Split(in, []byte("\n"))...)
	})
}

// BenchmarkJSONScan scans conn lines as bench/zeekgen writes them (most
// of the bytes of its logs), the same keys on every line.
func BenchmarkJSONScan(b *testing.B) {
	lines := [][]byte{
		[]byte(`{"ts":1793196000.013656,"uid":"C2nLixyIgfSRm7h7DS","id.orig_h":"10.13.30.249","id.orig_p":28507,"id.resp_h":"10.13.31.187","id.resp_p":502,"proto":"tcp","service":"modbus","duration":24.258864,"orig_bytes":900,"resp_bytes":1372,"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"ShADadFf","orig_pkts":20,"orig_ip_bytes":1700,"resp_pkts":14,"resp_ip_bytes":1932,"ip_proto":6,"orig_l2_addr":"00:1b:1b:91:39:e4","resp_l2_addr":"00:1b:1b:88:cc:34","vlan":30}`),
		[]byte(`{"ts":1793196000.221305,"uid":"CWLNmiA4IiW0S3euTH","id.orig_h":"10.13.30.7","id.orig_p":15345,"id.resp_h":"10.13.31.195","id.resp_p":44818,"proto":"tcp","service":"enip,cip","duration":23.060736,"orig_bytes":60,"resp_bytes":6293,"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"ShADadFf","orig_pkts":3,"orig_ip_bytes":180,"resp_pkts":31,"resp_ip_bytes":7533,"ip_proto":6,"orig_l2_addr":"00:1b:1b:d0:38:66","resp_l2_addr":"00:1b:1b:45:20:90","vlan":30}`),
		[]byte(`{"ts":1793196000.472794,"uid":"CQ5zQjuL0KiJGnBdvH","id.orig_h":"10.13.30.64","id.orig_p":17266,"id.resp_h":"10.13.31.239","id.resp_p":161,"proto":"udp","service":"snmp","duration":2.955307,"orig_bytes":144,"resp_bytes":2262,"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"Dd","orig_pkts":4,"orig_ip_bytes":256,"resp_pkts":29,"resp_ip_bytes":3074,"ip_proto":17,"orig_l2_addr":"00:1b:1b:c5:19:0a","resp_l2_addr":"00:1b:1b:b6:f0:ff","vlan":30}`),
	}
	var size int
	for _, l := range lines {
		size += len(l)
	}
	j := newJSONReader()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range lines {
			if !j.fast(l) {
				b.Fatalf("the scanner leaves %s to encoding/json", l)
			}
		}
	}
}
