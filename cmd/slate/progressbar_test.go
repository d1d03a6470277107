package main

import (
	"strings"
	"testing"
)

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	p := &ProgressBar{W: &b, Label: "span", Width: 10}
	p.Update(0, 2000)
	p.Update(1000, 2000)
	p.Update(1000, 2000) // unchanged: not redrawn
	p.Update(2000, 2000)
	p.Done()
	want := "\rspan [>         ]   0% 0 B / 2.0 kB\rspan [=====>    ]  50% 1.0 kB / 2.0 kB\rspan [==========] 100% 2.0 kB / 2.0 kB\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
