// Package workbook opens XLSX workbooks from untrusted hands within
// limits: the decompressed size of each part and of the whole workbook,
// the row and column indexes, the characters of one cell or shared
// string, and the number of shared strings. Past a limit, or where the
// zip or an XML part is corrupt, it returns an *Error naming the part and,
// where known, the row or the byte offset in the part — before excelize,
// which would read on, stop early without a word, or hold it all in
// memory, is handed the file.
//
// Both readers of workbooks use it: the asset collector and the import of
// a returned scorecard workbook. It imports nothing of the project.
package workbook
