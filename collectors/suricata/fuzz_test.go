package suricata

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/slate-ot/slate/collectors/logfile"
)

// FuzzReadEVE feeds arbitrary bytes through the line reader and the event
// decoder into an aggregate: no input may panic it, and every failure is
// a line error with a line number, or for gzip input a gzip error at a
// byte of the input.
func FuzzReadEVE(f *testing.F) {
	f.Add([]byte(`{"timestamp":"2024-05-01T10:00:00.000000+0000","flow_id":1,"event_type":"flow","src_ip":"10.0.0.1","src_port":1,"dest_ip":"10.0.0.2","dest_port":502,"proto":"TCP","flow":{"pkts_toserver":1}}` + "\n"))
	f.Add([]byte(`{"timestamp":"2024-05-01T10:00:00Z","event_type":"modbus","src_ip":"::1","src_port":1,"dest_ip":"::2","dest_port":502,"proto":"TCP","modbus":{"request":{"function_raw":300}}}`))
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte(`{"event_type":"alert","vlan":[1,2,3]}` + "\n[1]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, live := range []bool{false, true} {
			r, err := logfile.NewReader(bytes.NewReader(data), logfile.Options{Live: live})
			if err != nil {
				continue
			}
			agg := newAggregate([]byte("0123456789abcdef0123456789abcdef"), "fuzz.json")
			if err := readEVE(context.Background(), r, agg); err != nil {
				if ge, ok := err.(*logfile.GzipError); ok {
					if ge.Offset <= 0 || ge.Offset > int64(len(data)) {
						t.Fatalf("%v: want the byte of the %d-byte input where decompression stopped", err, len(data))
					}
				} else if _, ok := err.(*logfile.LineError); !ok && err != io.ErrUnexpectedEOF {
					t.Fatalf("%T %v: want a line error", err, err)
				}
			}
			m := newMerger(srcForFuzz, options{maxFlows: 100})
			m.add(&fileResult{agg: agg}, "s")
			_ = m.data()
		}
	})
}

// FuzzDecodeEvent decodes arbitrary lines: an error or an event with its
// type, never a panic.
func FuzzDecodeEvent(f *testing.F) {
	f.Add([]byte(`{"timestamp":"2024-05-01T10:00:00.000000+0000","event_type":"dnp3","dnp3":{"application":{"function_code":5}}}`))
	f.Add([]byte(`{"event_type":"enip","enip":{"request":{"cip":{"service":"unknown-77","multiple":[{"service":"Reset"}]}}}}`))
	f.Add([]byte(`{"event_type":"http","http":{"status":"200"},"src_port":"80"}`))
	f.Add([]byte(`{"flow_id":-1}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := DecodeEvent(line)
		if err == nil && e.EventType == "" {
			t.Fatal("an event without event_type decoded")
		}
		if err == nil {
			agg := newAggregate(nil, "fuzz.json")
			_ = agg.add(e, 1)
		}
	})
}

var srcForFuzz = evidenceSource()
