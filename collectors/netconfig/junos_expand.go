package netconfig

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxExpanded bounds the statements group inheritance or interface
// ranges may add, so that a hostile file cannot make the collector build
// millions of copies.
const maxExpanded = 100_000

// expansion says how many statements expandJunos left out past
// maxExpanded, and the line of the first group or range statement whose
// copies were left out.
type expansion struct {
	dropped, line int
}

// drop counts a copy of the statement on line left out.
func (e *expansion) drop(line int) {
	if e.dropped == 0 {
		e.line = line
	}
	e.dropped++
}

// expandJunos returns the statements the device acts on: those of the
// "groups" hierarchy are inherited where "apply-groups" names them, and
// "interfaces interface-range" statements are copied to every member
// interface. Group and range statements are marked used: they are read
// through their copies. Local statements come after inherited ones, so
// that what the configuration sets itself wins where a fact is single.
// Past maxExpanded copies of either kind no more are added, and the
// expansion counts them.
func expandJunos(stmts []*Stmt) ([]*Stmt, expansion) {
	groups := map[string][]*Stmt{}
	var local, applied []*Stmt
	for _, s := range stmts {
		if len(s.Words) >= 2 && s.Words[0] == "groups" {
			s.used = true
			if len(s.Words) > 2 {
				groups[s.Words[1]] = append(groups[s.Words[1]], &Stmt{Words: s.Words[2:], Line: s.Line})
			}
			continue
		}
		if k := slices.Index(s.Words, "apply-groups"); k >= 0 {
			s.used = true
			applied = append(applied, s)
			continue
		}
		if slices.Contains(s.Words, "apply-groups-except") {
			s.used = true
			continue
		}
		local = append(local, s)
	}
	var inherited []*Stmt
	var ex expansion
	seen := map[string]bool{}
	for _, a := range applied {
		k := slices.Index(a.Words, "apply-groups")
		at := a.Words[:k]
		for _, name := range a.Words[k+1:] {
			for _, g := range groups[name] {
				if !has(g.Words, at...) {
					continue
				}
				for _, w := range matchWildcards(g.Words, local) {
					key := strings.Join(w, "\x00")
					if seen[key] {
						continue
					}
					if len(inherited) >= maxExpanded {
						ex.drop(g.Line)
						continue
					}
					seen[key] = true
					inherited = append(inherited, &Stmt{Words: w, Line: g.Line})
				}
			}
		}
	}
	out := append(inherited, local...)
	return expandInterfaceRanges(out, &ex), ex
}

// matchWildcards instantiates a group statement whose words hold Junos
// wildcards ("<ge-*>", "<*>") for every local statement path they match;
// a statement without wildcards is returned as is.
func matchWildcards(w []string, local []*Stmt) [][]string {
	k := slices.IndexFunc(w, func(x string) bool { return strings.HasPrefix(x, "<") && strings.HasSuffix(x, ">") })
	if k < 0 {
		return [][]string{w}
	}
	pattern := strings.TrimSuffix(strings.TrimPrefix(w[k], "<"), ">")
	var out [][]string
	done := map[string]bool{}
	for _, s := range local {
		if len(s.Words) <= k || !slices.Equal(s.Words[:k], w[:k]) || done[s.Words[k]] {
			continue
		}
		if !junosWildcard(pattern, s.Words[k]) {
			continue
		}
		done[s.Words[k]] = true
		c := slices.Clone(w)
		c[k] = s.Words[k]
		out = append(out, matchWildcards(c, local)...)
	}
	return out
}

// expandInterfaceRanges copies "interfaces interface-range NAME ..."
// statements to each member ("member ge-0/0/[0-3]", "member ge-0/0/5",
// "member-range ge-0/0/0 to ge-0/0/7").
func expandInterfaceRanges(stmts []*Stmt, ex *expansion) []*Stmt {
	members := map[string][]string{}
	var body []*Stmt
	var out []*Stmt
	for _, s := range stmts {
		w := s.Words
		if !has(w, "interfaces", "interface-range") {
			out = append(out, s)
			continue
		}
		s.used = true
		if len(w) < 4 {
			continue
		}
		switch w[3] {
		case "member":
			members[w[2]] = append(members[w[2]], rangeMembers(w[4:])...)
		case "member-range":
			if len(w) > 6 && w[5] == "to" {
				members[w[2]] = append(members[w[2]], memberRange(w[4], w[6])...)
			}
		default:
			body = append(body, s)
		}
	}
	copies := 0
	for _, s := range body {
		for _, m := range members[s.Words[2]] {
			if copies++; copies > maxExpanded {
				ex.drop(s.Line)
				continue
			}
			out = append(out, &Stmt{Words: append([]string{"interfaces", m}, s.Words[3:]...), Line: s.Line})
		}
	}
	return out
}

// rangeMembers expands "ge-0/0/[0-3]" (or the words "ge-0/0/" "0-3" left
// when the brackets were not quoted) into interface names.
func rangeMembers(w []string) []string {
	if len(w) == 0 {
		return nil
	}
	name := strings.Join(w, "")
	if len(w) == 2 && strings.HasSuffix(w[0], "/") {
		name = w[0] + "[" + w[1] + "]"
	}
	open := strings.IndexByte(name, '[')
	end := strings.IndexByte(name, ']')
	if open < 0 || end < open {
		return []string{name}
	}
	prefix, spec := name[:open], name[open+1:end]
	var out []string
	for _, part := range strings.Split(spec, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		z := a
		var err2 error
		if isRange {
			z, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || z < a || z-a > 1024 {
			continue
		}
		for n := a; n <= z; n++ {
			out = append(out, prefix+strconv.Itoa(n)+name[end+1:])
		}
	}
	return out
}

// memberRange expands "ge-0/0/0 to ge-0/0/7": the names differ in their
// last number only.
func memberRange(from, to string) []string {
	i, j := strings.LastIndexByte(from, '/'), strings.LastIndexByte(to, '/')
	if i < 0 || j < 0 || from[:i] != to[:j] {
		return []string{from, to}
	}
	a, err1 := strconv.Atoi(from[i+1:])
	z, err2 := strconv.Atoi(to[j+1:])
	if err1 != nil || err2 != nil || z < a || z-a > 1024 {
		return []string{from, to}
	}
	var out []string
	for n := a; n <= z; n++ {
		out = append(out, from[:i+1]+strconv.Itoa(n))
	}
	return out
}

// junosWildcard matches a Junos group wildcard: "*" is any run of
// characters, "/" included, "?" one character, "[...]" a class.
func junosWildcard(pattern, s string) bool {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(pattern[i:], ']')
			if j < 0 {
				return false
			}
			class := strings.ReplaceAll(pattern[i+1:i+j], `\`, `\\`)
			if rest, ok := strings.CutPrefix(class, "!"); ok {
				class = "^" + rest
			}
			b.WriteString("[" + class + "]")
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	return err == nil && re.MatchString(s)
}
