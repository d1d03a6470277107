// Package publish replaces the content of an output directory all at once
// (ReplaceDir): staged beside it, synced, and swapped in with one atomic
// rename under an exclusive lock, so that readers and crashes only ever
// see a whole run.
package publish
