// Package badinput writes the bad-input suite: for every reader of
// untrusted input, the faulty and hostile files issue 24 lists (cut and
// garbage captures, garbage configurations, ragged or binary CSV, JSON of
// the wrong shape, Zeek logs with the wrong fields, files over their size
// limit, lines over their length limit, hostile workbooks, paths that
// escape the assessment directory), each inside a small assessment that
// reads it, with the exit code slate must end with and the words its
// message must hold to name the file and the place in it.
//
// The cases are written at test time, in a few megabytes at most: files
// over a size limit are sparse (os.Truncate), and workbooks that inflate to
// gigabytes are a few hundred kilobytes of deflate (workbooktest). Nothing
// of the suite is committed but this program. cmd/slate's TestBadInput runs
// the built slate on each case as a child process; docs/bad-input.md lists
// the cases.
//
// badinput imports nothing of slate but the workbook test writer.
package badinput
