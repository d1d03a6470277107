package evidence

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("a", 200), strings.Repeat("a", 200)},
		{strings.Repeat("a", 201), strings.Repeat("a", 200) + "…"},
		// "ü" is two bytes: the cut falls back to a character boundary.
		{"a" + strings.Repeat("ü", 150), "a" + strings.Repeat("ü", 99) + "…"},
	}
	for _, tt := range tests {
		if got := Excerpt(tt.in); got != tt.want {
			t.Errorf("Excerpt(%d bytes) = %d bytes %q…, want %d bytes", len(tt.in), len(got), got[:min(10, len(got))], len(tt.want))
		}
	}
}

// TestInputErrorEchoesLittle: however much of a file an error quotes, the
// message repeats at most MaxExcerpt bytes of it.
func TestInputErrorEchoesLittle(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"quoted", fmt.Errorf("unexpected %q after %q", long, "ip"), `"` + strings.Repeat("x", 200) + `…" after "ip"`},
		{"quoted with escapes", fmt.Errorf("bad %q", `a\"`+long), `"a\\\"` + strings.Repeat("x", 195) + `…"`},
		{"short stays whole", fmt.Errorf("unexpected %q", "abc"), `unexpected "abc"`},
		{"unclosed quote", errors.New(`value "` + long), `value "` + strings.Repeat("x", 200) + `…`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := (&InputError{Path: "a.cfg", Line: 3, Err: tt.err}).Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got[:min(300, len(got))], tt.want)
			}
			if strings.Contains(got, strings.Repeat("x", 201)) {
				t.Errorf("message repeats more than %d bytes of input", MaxExcerpt)
			}
		})
	}
}

func TestInputErrors(t *testing.T) {
	ie := func(i int) error {
		return &InputError{Path: fmt.Sprintf("f%02d.csv", i), Line: i + 1, Err: errors.New("bad row")}
	}
	var none InputErrors
	if none.Err() != nil {
		t.Error("no errors gave an error")
	}
	var one InputErrors
	one.Add(ie(1))
	if one.Err() != one.Errs[0] {
		t.Error("a single error is not returned as itself")
	}
	var many InputErrors
	for i := range 25 {
		many.Add(ie(i))
	}
	err := many.Err()
	var first *InputError
	if !errors.As(err, &first) || first.Path != "f00.csv" {
		t.Errorf("errors.As found %v, want the first input error", first)
	}
	msg := err.Error()
	for _, want := range []string{"25 inputs could not be read:", "\n  f00.csv:1: bad row", "\n  f19.csv:20: bad row", "and 5 more"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "f20.csv") {
		t.Errorf("message lists more than %d errors", MaxInputErrors)
	}
	// Adding a list flattens it.
	var outer InputErrors
	outer.Add(ie(99))
	outer.Add(err)
	if len(outer.Errs) != MaxInputErrors || outer.Omitted != 6 {
		t.Errorf("flattened to %d errors, %d omitted; want %d, 6", len(outer.Errs), outer.Omitted, MaxInputErrors)
	}
	// An error of several lines (all problems of one source) stays
	// indented under its first line.
	var two InputErrors
	two.Add(ie(1))
	two.Add(fmt.Errorf("a.csv:2: bad\nb.hcl:3: worse"))
	if want := "2 inputs could not be read:\n  f01.csv:2: bad row\n  a.csv:2: bad\n    b.hcl:3: worse"; two.Err().Error() != want {
		t.Errorf("message\n%s\nwant\n%s", two.Err(), want)
	}
}

func TestInputErrorsKeep(t *testing.T) {
	var bad InputErrors
	if err := bad.Keep(nil); err != nil || bad.Err() != nil {
		t.Fatalf("nil: %v, %v", err, bad.Err())
	}
	in := &InputError{Path: "a.csv", Line: 3, Err: errors.New("ragged row")}
	if err := bad.Keep(fmt.Errorf("reading: %w", in)); err != nil {
		t.Fatalf("an input error was returned: %v", err)
	}
	other := errors.New("disk full")
	if err := bad.Keep(other); err != other {
		t.Fatalf("another error: got %v, want it returned", err)
	}
	if len(bad.Errs) != 1 {
		t.Fatalf("kept %d errors, want the input one only", len(bad.Errs))
	}
}
