package workbook

// SetFastSheets turns the fast walk of sheets on or off and returns a
// function that restores it.
func SetFastSheets(on bool) (restore func()) {
	was := fastSheets
	fastSheets = on
	return func() { fastSheets = was }
}

// FastSheetVouches reports whether the fast walk vouches for the sheet
// part data of a workbook with strings shared strings, within the
// default limits.
func FastSheetVouches(data []byte, strings int) bool {
	c := checker{lim: Default, strings: strings}
	_, ok := c.fastSheet("xl/worksheets/sheet1.xml", data)
	return ok
}
