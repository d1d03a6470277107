package attest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/slate-ot/slate/evidence"
)

// DiffJSON compares two JSON texts by value and describes up to max
// differences as "PATH: want X, got Y", PATH in JSONPath-like notation
// ($.gaps[3].status). Equal values give none. A text that is not JSON is
// one difference at $.
func DiffJSON(want, got []byte, max int) []string {
	var w, g any
	errW := decodeNumbers(want, &w)
	errG := decodeNumbers(got, &g)
	if errW != nil || errG != nil {
		if bytes.Equal(want, got) {
			return nil
		}
		return []string{"$: the texts differ and are not both JSON"}
	}
	var out []string
	diffValue("$", w, g, max, &out)
	return out
}

func decodeNumbers(raw []byte, v *any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(v)
}

func diffValue(path string, w, g any, max int, out *[]string) {
	if len(*out) >= max {
		return
	}
	switch wv := w.(type) {
	case map[string]any:
		gv, ok := g.(map[string]any)
		if !ok {
			break
		}
		keys := map[string]bool{}
		for k := range wv {
			keys[k] = true
		}
		for k := range gv {
			keys[k] = true
		}
		for _, k := range sortedKeys(keys) {
			wk, inW := wv[k]
			gk, inG := gv[k]
			p := path + "." + k
			switch {
			case !inW:
				add(out, max, fmt.Sprintf("%s: not expected, got %s", p, short(gk)))
			case !inG:
				add(out, max, fmt.Sprintf("%s: want %s, missing", p, short(wk)))
			default:
				diffValue(p, wk, gk, max, out)
			}
		}
		return
	case []any:
		gv, ok := g.([]any)
		if !ok {
			break
		}
		for i := range min(len(wv), len(gv)) {
			diffValue(path+"["+strconv.Itoa(i)+"]", wv[i], gv[i], max, out)
		}
		if len(wv) != len(gv) {
			add(out, max, fmt.Sprintf("%s: want %d elements, got %d", path, len(wv), len(gv)))
		}
		return
	}
	if !equalJSON(w, g) {
		add(out, max, fmt.Sprintf("%s: want %s, got %s", path, short(w), short(g)))
	}
}

func add(out *[]string, max int, s string) {
	if len(*out) < max {
		*out = append(*out, s)
	}
}

func equalJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}

// short renders a value for a message, cut to a readable length.
func short(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if r := []rune(string(raw)); len(r) > 80 {
		return string(r[:77]) + "..."
	}
	return string(raw)
}

// CheckReproduced compares the bytes of a signed file with the ones a
// re-run made and returns a *VerifyError (check "re-evaluation") naming
// the first differences, or nil when they are identical.
func CheckReproduced(dir, name string, signed, remade []byte) error {
	if bytes.Equal(signed, remade) {
		return nil
	}
	var what string
	if json.Valid(signed) && json.Valid(remade) {
		what = joinDiffs(DiffJSON(signed, remade, 5))
	} else {
		i := 0
		for i < len(signed) && i < len(remade) && signed[i] == remade[i] {
			i++
		}
		line, col := evidence.LineCol(signed, int64(i))
		what = fmt.Sprintf("first difference at byte %d (line %d, column %d); %d bytes signed, %d re-made", i, line, col, len(signed), len(remade))
	}
	return &VerifyError{
		File:  filepath.Join(dir, name),
		Check: "re-evaluation",
		Err:   fmt.Errorf("the re-evaluation gives different bytes (want the signed, got the re-made): %s", what),
	}
}

// joinDiffs renders differences for one error message.
func joinDiffs(diffs []string) string {
	if len(diffs) == 0 {
		return "the bytes differ"
	}
	return strings.Join(slices.Clip(diffs), "; ")
}
