package vers

import (
	"cmp"
	"strings"
	"unicode"
)

// segment is one run of a version: a number or a word.
type segment struct {
	num   uint64
	word  string
	isNum bool
}

// prefixes are words that name what a version is of rather than being part
// of it ("rev. 8.3.0", "HiOS 07.0.02", "FW26", "v.32.011"), removed before a
// version is split, longest first.
var prefixes = []string{"firmware", "version", "hisecos", "hios", "rev", "ver", "fw", "sv", "v", "r"}

// split splits v into segments: runs of digits and runs of letters, any
// other character separating them. A leading word that only names the
// version ("V", "R", "SV", "rev.", "FW", "HiOS") is dropped, so "V2.9.4",
// "R2.9.4" and "2.9.4" compare equal. ok is false when v has no digit.
func split(v string) (segs []segment, ok bool) {
	s := strings.ToLower(strings.TrimSpace(v))
	for {
		trimmed := false
		for _, p := range prefixes {
			if rest, found := strings.CutPrefix(s, p); found && rest != "" && !unicode.IsLetter(rune(rest[0])) {
				s = strings.TrimLeft(rest, " .:_-")
				trimmed = true
				break
			}
		}
		if !trimmed {
			break
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			var n uint64
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if n < 1<<60 {
					n = n*10 + uint64(s[j]-'0')
				}
				j++
			}
			segs = append(segs, segment{num: n, isNum: true})
			ok = true
			i = j
		case c >= 'a' && c <= 'z':
			j := i
			for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
				j++
			}
			segs = append(segs, segment{word: s[i:j]})
			i = j
		default:
			i++
		}
	}
	return segs, ok
}

// Compare orders two versions: -1, 0 or +1, and ok false when either has
// no number in it (then they cannot be ordered). Numbers compare as
// numbers (07 = 7, 2.10 > 2.9); words compare as text; a missing number
// counts as 0, so "2.9" = "2.9.0"; a word after the common part sorts
// after it ("2.1a" > "2.1", "7.5 SP2" > "7.5"), and a number sorts after a
// word in the same place ("2.1.1" > "2.1a").
func Compare(a, b string) (int, bool) {
	sa, oka := split(a)
	sb, okb := split(b)
	if !oka || !okb {
		return 0, false
	}
	return compareSegs(sa, sb), true
}

func compareSegs(a, b []segment) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y segment
		switch {
		case i >= len(a):
			y = b[i]
			if y.isNum {
				x = segment{isNum: true}
			} else {
				return -1
			}
		case i >= len(b):
			x = a[i]
			if x.isNum {
				y = segment{isNum: true}
			} else {
				return 1
			}
		default:
			x, y = a[i], b[i]
		}
		switch {
		case x.isNum && y.isNum:
			if c := cmp.Compare(x.num, y.num); c != 0 {
				return c
			}
		case x.isNum:
			return 1
		case y.isNum:
			return -1
		default:
			if c := cmp.Compare(x.word, y.word); c != 0 {
				return c
			}
		}
	}
	return 0
}
