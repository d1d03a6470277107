//go:build !race

package main

// bruteForceMaxLen is the longest secret bruteForce tries (see
// race_on_test.go).
const bruteForceMaxLen = 4
