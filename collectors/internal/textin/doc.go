// Package textin reads the text files evidence comes in: it detects the
// encoding, evens out line ends, places bytes that are not text by line
// and column, and sniffs the dialect of delimited (CSV) files. The asset,
// attestation and identity collectors all read text through it, so a file
// one of them accepts the others read alike.
//
// Encodings: UTF-8 with or without a byte order mark; UTF-16 LE or BE with
// a byte order mark, or without one when the NUL bytes of its first 64 KiB
// all fall on one side of the code units (ASCII-heavy text, as Windows
// writes it); and, when the caller allows it, Windows-1252 (a superset of
// Latin-1's printable characters, what Excel's "CSV" writes on Western
// European Windows) for text that is not UTF-8 yet holds no control byte
// but tab and line ends. Anything else must be UTF-8 without NUL bytes;
// the first byte that is not is an *Error with its place.
//
// Line ends may be LF, CRLF or a lone CR (old spreadsheet exports). A lone
// CR is read as LF, so that lines are counted and split alike; CRLF is
// kept, so that byte offsets in UTF-8 input stay those of the file.
//
// Windows-1252 is decoded with golang.org/x/text's table. UTF-16 is
// decoded here rather than with x/text, because x/text replaces an unpaired
// surrogate with U+FFFD where slate must refuse the file and say where.
//
// textin imports nothing of slate; it knows nothing of evidence or of what
// a header row means to a collector, which says so through Sniff's score
// function.
package textin
