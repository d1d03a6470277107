package zeek_test

import (
	"bytes"
	"testing"

	"github.com/slate-ot/slate/collectors/zeek"
)

func fuzzRead(t *testing.T, in []byte, open bool) {
	n := 0
	_, _ = zeek.ReadLog(bytes.NewReader(in), zeek.ReadOptions{Name: "conn", Open: open}, func(r *zeek.Record) error {
		n++
		_ = r.Get("ts")
		_ = r.List("service")
		if s, ok := r.Str("ts"); ok {
			_, _ = zeek.ParseTime(s)
		}
		return nil
	})
}

// FuzzTSV feeds the reader TSV logs: it must never panic, whatever the
// header or the lines hold.
func FuzzTSV(f *testing.F) {
	f.Add([]byte(tsvHead+"1.5\tCa\t/a\\x09b\t(empty)\n1.6\t-\t-\tx,y\n#close\t2020-01-01-00-00-01\n"), false)
	f.Add([]byte("#separator \\x2c\n#fields,ts,uid\n#types,time,set[string]\n1.5,a\n"), true)
	f.Add([]byte("#separator \\x09\n#fields\tts\n\\x\n\\\\\\x4"), true)
	f.Fuzz(fuzzRead)
}

// FuzzJSON feeds the reader JSON logs.
func FuzzJSON(f *testing.F) {
	f.Add([]byte(`{"_path":"conn","ts":1.5,"id":{"orig_h":"10.0.0.1"},"service":["modbus",null,[1]]}`+"\n"+`{"ts":"2020-01-01T00:00:00Z"}`), false)
	f.Add([]byte(`{"ts":1e400}`+"\n{"), true)
	f.Fuzz(fuzzRead)
}
