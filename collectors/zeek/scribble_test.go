package zeek

// Every test of the package (and of package zeek_test, built into the same
// binary) reads its logs with each line overwritten once its record has
// been handed on, so that a value kept without being copied out of the
// line shows as "~~~" in the results instead of passing while the reader's
// buffer happens not to be reused. BenchmarkCollect turns it off.
func init() { scribble = true }

// SetScribble turns the overwriting of read lines on or off, returning
// the setting before.
func SetScribble(on bool) (was bool) {
	was, scribble = scribble, on
	return was
}
