package textin

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// Delimiters are the field separators Sniff tries, in order of preference
// when two read a file equally well: comma, semicolon (Excel where the
// decimal mark is a comma), tab ("Unicode text") and pipe.
var Delimiters = []rune{',', ';', '\t', '|'}

// HeaderScore says how well a record reads as a header row: score is how
// many of its cells name columns the caller knows, and ok whether the
// record is the header.
type HeaderScore func(rec []string) (score int, ok bool)

// Dialect is how a delimited text file is written.
type Dialect struct {
	// Comma is the field separator.
	Comma rune
	// Header tells whether a header row was found; Score is its score.
	Header bool
	Score  int
}

// Sniff picks the delimiter under which head (the start of the text, at
// most SniffWindow, as a Reader returns it) has a header row among its
// first maxRows non-blank records: the one whose header recognises the
// most columns, else, when none finds a header, the one that splits the
// first record into the most fields. Quoted fields are read as CSV reads
// them; a record cut at the end of head, or any syntax error, ends the
// search under that delimiter and is left for the real reading to report.
func Sniff(head []byte, maxRows int, score HeaderScore) Dialect {
	type result struct {
		found        bool
		score, width int
	}
	best, bestRes := Delimiters[0], result{}
	for _, d := range Delimiters {
		var res result
		cr := csv.NewReader(bytes.NewReader(head))
		cr.Comma = d
		cr.FieldsPerRecord = -1
		for rows := 0; rows < maxRows; {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			if IsBlank(rec) {
				continue
			}
			if rows == 0 {
				res.width = len(rec)
			}
			rows++
			if s, ok := score(rec); ok {
				res.found, res.score = true, s
				break
			}
		}
		better := false
		switch {
		case res.found != bestRes.found:
			better = res.found
		case res.found:
			better = res.score > bestRes.score
		default:
			better = res.width > bestRes.width
		}
		if better {
			best, bestRes = d, res
		}
	}
	return Dialect{Comma: best, Header: bestRes.found, Score: bestRes.score}
}

// IsBlank reports whether every field of rec is white space.
func IsBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// DelimiterName names a delimiter for a message: "tabs", or the character
// quoted.
func DelimiterName(d rune) string {
	if d == '\t' {
		return "tabs"
	}
	return `"` + string(d) + `"`
}
