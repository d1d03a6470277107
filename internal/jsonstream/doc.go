// Package jsonstream writes large JSON documents a part at a time, byte
// for byte as encoding/json's MarshalIndent(v, "", "  ") lays out the whole
// document, so that a report of a million findings never holds its whole
// tree or text in memory. It imports nothing of the project.
package jsonstream
