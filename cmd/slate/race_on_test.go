//go:build race

package main

// bruteForceMaxLen is the longest secret bruteForce tries. Under the race
// detector every HMAC costs several times as much and the search over
// four printable characters alone outlasts the test timeout, so a race
// run searches up to three; the ordinary run searches up to four.
const bruteForceMaxLen = 3
