package main

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// TestRefuseTerminal: a workbook or a page is not written to a terminal
// (exit 2, naming --out); text formats are, and anything goes to a pipe
// or a file.
func TestRefuseTerminal(t *testing.T) {
	real := writesToTerminal
	t.Cleanup(func() { writesToTerminal = real })
	tests := []struct {
		format   string
		terminal bool
		refused  bool
	}{
		{"xlsx", true, true},
		{"html", true, true},
		{"md", true, false},
		{"json", true, false},
		{"xlsx", false, false},
		{"html", false, false},
	}
	for _, tt := range tests {
		writesToTerminal = func(io.Writer) bool { return tt.terminal }
		err := refuseTerminal(&bytes.Buffer{}, tt.format)
		if (err != nil) != tt.refused {
			t.Errorf("%s on a terminal %v: %v, want refused %v", tt.format, tt.terminal, err, tt.refused)
			continue
		}
		var ee *exitError
		if err != nil && (!errors.As(err, &ee) || ee.code != ExitUsage) {
			t.Errorf("%s: %v is not a usage error", tt.format, err)
		}
	}
	// A buffer is never a terminal.
	writesToTerminal = real
	if writesToTerminal(&bytes.Buffer{}) {
		t.Error("a buffer counts as a terminal")
	}
}
