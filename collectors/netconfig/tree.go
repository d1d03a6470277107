package netconfig

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Node is one configuration line and the lines nested under it. Text is
// the line without its indentation; Line is its 1-based line number.
type Node struct {
	Text     string
	Line     int
	Children []*Node
	// used is set when extraction interpreted the line; the others are
	// counted as unknown.
	used bool
}

// Words returns the line split on white space.
func (n *Node) Words() []string { return strings.Fields(n.Text) }

// lineError is a problem at a line of the file being parsed; the
// collector turns it into an *evidence.InputError naming the file.
type lineError struct {
	Line int
	Err  error
}

func (e *lineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func errAt(line int, format string, args ...any) error {
	return &lineError{Line: line, Err: fmt.Errorf(format, args...)}
}

// textLines splits raw into lines, refusing binary content: a NUL byte or
// invalid UTF-8 names the line it is on.
func textLines(raw []byte) ([]string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("file is empty")
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		if strings.IndexByte(l, 0) >= 0 {
			return nil, errAt(i+1, "binary data (a NUL byte): not a text configuration")
		}
		if !utf8.ValidString(l) {
			return nil, errAt(i+1, "binary data (invalid UTF-8): not a text configuration")
		}
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return lines, nil
}

// indentOf returns the width of the leading white space of l, a tab
// counting as 8.
func indentOf(l string) int {
	n := 0
	for _, c := range l {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 8
		default:
			return n
		}
	}
	return n
}

// ParseIndented parses an indentation-structured configuration (Cisco
// IOS/IOS-XE, NX-OS, ASA, IOS-XR, Arista EOS, HP/H3C Comware) into a forest
// of lines: a line's parent is the nearest earlier line indented less. A
// comment line at column 0 ("!" or "#") closes every open block. Banner
// bodies (delimited, or up to "EOF") become children of the banner line.
// vendor selects the banner conventions; ASA banners are one line each.
func ParseIndented(raw []byte, vendor string) ([]*Node, int, error) {
	lines, err := textLines(raw)
	if err != nil {
		return nil, 0, err
	}
	type open struct {
		indent int
		node   *Node
	}
	var roots []*Node
	var stack []open
	count := 0
	add := func(indent int, n *Node) {
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, n)
		} else {
			p := stack[len(stack)-1].node
			p.Children = append(p.Children, n)
		}
		stack = append(stack, open{indent, n})
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		text := strings.TrimSpace(l)
		if text == "" {
			continue
		}
		indent := indentOf(l)
		if isComment(text, vendor) {
			if indent == 0 {
				stack = stack[:0]
			}
			continue
		}
		n := &Node{Text: text, Line: i + 1}
		count++
		add(indent, n)
		if body, ok := blockBody(text, vendor); ok {
			end, err := consumeBody(lines, i, body)
			if err != nil {
				return nil, 0, err
			}
			for j := i + 1; j <= end && j < len(lines); j++ {
				n.Children = append(n.Children, &Node{Text: strings.TrimSpace(lines[j]), Line: j + 1, used: true})
			}
			count += end - i
			i = end
		}
	}
	if count == 0 {
		return nil, 0, errors.New("no configuration lines: only comments or blank lines")
	}
	return roots, count, nil
}

func isComment(text, vendor string) bool {
	switch text[0] {
	case '!':
		return true
	case '#':
		return vendor == VendorComware || vendor == VendorNXOS || text == "#"
	case ':':
		return vendor == VendorASA
	}
	return false
}

// bodySpec says how a multi-line block ends: at a line equal to term, or
// at the first later line containing delim.
type bodySpec struct {
	term  string
	delim string
}

// blockBody reports whether text opens a block of free text (a banner or
// an EOS comment) and how that block ends.
func blockBody(text, vendor string) (bodySpec, bool) {
	w := strings.Fields(text)
	if vendor == VendorEOS && (text == "comment" || (len(w) == 2 && w[0] == "banner")) {
		return bodySpec{term: "EOF"}, true
	}
	var rest string
	switch {
	case vendor == VendorASA:
		return bodySpec{}, false
	case len(w) >= 2 && w[0] == "banner" && vendor != VendorComware:
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(text, "banner")), w[1]))
		if len(w) == 2 && vendor == VendorNXOS {
			return bodySpec{}, false
		}
	case len(w) >= 2 && w[0] == "header" && vendor == VendorComware:
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(text, "header")), w[1]))
	default:
		return bodySpec{}, false
	}
	if rest == "" {
		return bodySpec{}, false
	}
	delim := rest[:1]
	if strings.HasPrefix(rest, "^C") {
		delim = "^C"
	}
	if strings.Contains(rest[len(delim):], delim) {
		return bodySpec{}, false // opened and closed on one line
	}
	return bodySpec{delim: delim}, true
}

// consumeBody returns the index of the line closing the block opened at
// lines[start]; a block that never closes means a truncated file.
func consumeBody(lines []string, start int, b bodySpec) (int, error) {
	for j := start + 1; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		if (b.term != "" && t == b.term) || (b.delim != "" && strings.Contains(lines[j], b.delim)) {
			return j, nil
		}
	}
	what := "delimiter " + fmt.Sprintf("%q", b.delim)
	if b.term != "" {
		what = fmt.Sprintf("%q", b.term)
	}
	return 0, errAt(start+1, "block opened here never ends (no %s before the end of the file): the file looks truncated", what)
}

// Stmt is one Junos statement as a path of words from the top of the
// hierarchy ("system login user admin class super-user"), whichever of the
// two formats it came from.
type Stmt struct {
	Words []string
	Line  int
	used  bool
}

// ParseJunosBraces parses the hierarchical ("curly-brace") Junos format
// into statements. Unbalanced braces are an error naming the line: a
// truncated file ends with blocks open.
func ParseJunosBraces(raw []byte) ([]*Stmt, int, error) {
	lines, err := textLines(raw)
	if err != nil {
		return nil, 0, err
	}
	var out []*Stmt
	type frame struct {
		words []string
		line  int
	}
	var stack []frame
	path := func() []string {
		var p []string
		for _, f := range stack {
			p = append(p, f.words...)
		}
		return p
	}
	count := 0
	inComment := false
	for i, l := range lines {
		text := strings.TrimSpace(l)
		if inComment {
			if k := strings.Index(text, "*/"); k >= 0 {
				inComment = false
				text = strings.TrimSpace(text[k+2:])
			} else {
				continue
			}
		}
		if strings.HasPrefix(text, "/*") {
			if k := strings.Index(text, "*/"); k >= 0 {
				text = strings.TrimSpace(text[k+2:])
			} else {
				inComment = true
				continue
			}
		}
		if text == "" || text[0] == '#' {
			continue
		}
		words, rest, err := junosWords(text)
		if err != nil {
			return nil, 0, errAt(i+1, "%v", err)
		}
		if len(words) > 0 && (words[0] == "inactive:" || words[0] == "protect:") {
			words = words[1:]
		}
		count++
		switch {
		case rest == "{":
			stack = append(stack, frame{words, i + 1})
			out = append(out, &Stmt{Words: append(path(), []string{}...), Line: i + 1})
		case rest == "}":
			if len(stack) == 0 {
				return nil, 0, errAt(i+1, "unbalanced closing brace")
			}
			stack = stack[:len(stack)-1]
		case rest == ";" || rest == "":
			if len(words) == 0 {
				continue
			}
			out = append(out, &Stmt{Words: append(path(), words...), Line: i + 1})
		}
	}
	if inComment {
		return nil, 0, errAt(len(lines), "comment never closed: the file looks truncated")
	}
	if len(stack) > 0 {
		f := stack[len(stack)-1]
		return nil, 0, errAt(f.line, "block %q opened here is never closed: the file looks truncated", strings.Join(f.words, " "))
	}
	if count == 0 {
		return nil, 0, errors.New("no configuration lines: only comments or blank lines")
	}
	// Block openers were recorded as their full path; drop the empty ones.
	kept := out[:0]
	for _, s := range out {
		if len(s.Words) > 0 {
			kept = append(kept, s)
		}
	}
	return kept, count, nil
}

// junosWords splits one line of either Junos format into words, honouring
// double quotes and dropping [ ] list brackets and trailing "## " comments.
// rest is the terminator: "{", "}", ";" or "".
func junosWords(text string) (words []string, rest string, err error) {
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '"':
			j := i + 1
			var b strings.Builder
			for ; j < len(text) && text[j] != '"'; j++ {
				if text[j] == '\\' && j+1 < len(text) {
					j++
				}
				b.WriteByte(text[j])
			}
			if j >= len(text) {
				return nil, "", errors.New("quoted string never closed")
			}
			words = append(words, b.String())
			i = j + 1
		case c == '{' || c == '}' || c == ';':
			rest = string(c)
			tail := strings.TrimSpace(text[i+1:])
			if tail != "" && !strings.HasPrefix(tail, "#") && !strings.HasPrefix(tail, "/*") && !(c == '}' && tail == "}") {
				return nil, "", fmt.Errorf("unexpected %q after %q", tail, string(c))
			}
			return words, rest, nil
		case c == '[' || c == ']':
			i++
		case c == '#' && i+1 < len(text) && text[i+1] == '#':
			return words, rest, nil
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t;{}\"[]", rune(text[j])) {
				j++
			}
			words = append(words, text[i:j])
			i = j
		}
	}
	return words, "", nil
}

// ParseJunosSet parses the Junos "display set" format. Only "set" lines
// are statements; "deactivate" and "delete" lines are counted but not read.
func ParseJunosSet(raw []byte) ([]*Stmt, int, int, error) {
	lines, err := textLines(raw)
	if err != nil {
		return nil, 0, 0, err
	}
	var out []*Stmt
	count, other := 0, 0
	for i, l := range lines {
		text := strings.TrimSpace(l)
		if text == "" || text[0] == '#' || strings.HasPrefix(text, "/*") {
			continue
		}
		count++
		words, rest, err := junosWords(text)
		if err != nil {
			return nil, 0, 0, errAt(i+1, "%v", err)
		}
		if rest != "" || len(words) < 2 || words[0] != "set" {
			other++
			continue
		}
		out = append(out, &Stmt{Words: words[1:], Line: i + 1})
	}
	if count == 0 {
		return nil, 0, 0, errors.New("no configuration lines: only comments or blank lines")
	}
	return out, count, other, nil
}

// words returns a statement's words without a leading negation keyword
// ("no" on Cisco-like syntax, "undo" on Comware), and whether it was there.
// A statement that is only the keyword has no words.
func words(n *Node, negation string) (w []string, neg bool) {
	w = n.Words()
	if len(w) > 0 && w[0] == negation {
		return w[1:], true
	}
	return w, false
}
