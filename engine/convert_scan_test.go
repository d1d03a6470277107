package engine

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"net/netip"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestParseIPv4: parseIPv4 reads exactly the addresses netip.ParseAddr
// reads as IPv4, as ParseAddr does, and leaves every other text to it.
func TestParseIPv4(t *testing.T) {
	texts := []string{
		"", "1", "1.2.3", "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3.256",
		"01.2.3.4", "1.2.3.04", "1.2.3.0", "10.0.0.1", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.5",
		"1.2.3.4 ", " 1.2.3.4", "1.2.3.4%eth0", "::1", "::ffff:1.2.3.4", "fe80::1%eth0",
		"1.2.3.-4", "1.2.3.+4", "1.2.3.4x", "1000.1.1.1", "00.0.0.0", "192.168.100.200", "1.2.3.٤",
	}
	for i := range 300 {
		texts = append(texts, strconv.Itoa(i)+".1."+strconv.Itoa(i%7)+".9")
	}
	for _, text := range texts {
		checkParseIPv4(t, text)
	}
}

// FuzzParseIPv4: TestParseIPv4 on any text.
func FuzzParseIPv4(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "255.255.255.255", "01.2.3.4", "::ffff:1.2.3.4", "1.2.3.4%x"} {
		f.Add(s)
	}
	f.Fuzz(checkParseIPv4)
}

func checkParseIPv4(t *testing.T, text string) {
	got, ok := parseIPv4([]byte(text))
	want, err := netip.ParseAddr(text)
	if ok && (err != nil || got != want) {
		t.Errorf("parseIPv4(%q) = %v; ParseAddr gives %v, %v", text, got, want, err)
	}
	if !ok && err == nil && want.Is4() {
		t.Errorf("parseIPv4(%q) read nothing; ParseAddr reads %v", text, want)
	}
}

// TestConversationKey: a document keeps one copy of each conversation
// key, and two keys are never taken for one, even when their hashes are
// the same.
func TestConversationKey(t *testing.T) {
	cd := &capDoc{}
	key := func(k []byte) string { return cd.convs[cd.conversationKey(k)] }
	a := cd.conversationKey([]byte("a\x00key"))
	if b := cd.conversationKey([]byte("a\x00key")); b != a || cd.convs[a] != "a\x00key" {
		t.Fatalf("the same key gave %d, then %d (%q)", a, b, cd.convs)
	}
	// A key whose hash another key has: the first is kept by hash, the
	// second by its text.
	other := []byte("another key")
	cd.convs = append(cd.convs, "a different key of that hash")
	cd.keys[maphash.Bytes(keySeed, other)] = int32(len(cd.convs) - 1)
	for range 2 {
		if got := key(other); got != string(other) {
			t.Fatalf("conversationKey(%q) gave %q", other, got)
		}
	}
	if len(cd.collided) != 1 || len(cd.convs) != 3 {
		t.Errorf("collided holds %d keys, convs %q; want 1 and 3 keys", len(cd.collided), cd.convs)
	}
	if got := cd.conversationKey([]byte("a\x00key")); got != a {
		t.Errorf("the first key became %d", got)
	}
}

// TestConversationKeyCodes: the bytes that name the members of a
// conversation key are distinct.
func TestConversationKeyCodes(t *testing.T) {
	if n := len(trafficKeys.conversation); keyConversation+n > keyEndpoint {
		t.Errorf("%d conversation members reach the endpoint's codes", n)
	}
	if n := len(trafficKeys.endpoint); keyEndpoint+n > keyPort {
		t.Errorf("%d endpoint members reach the port's code", n)
	}
}

// TestRawText: rawText returns a string's text, and plain exactly when
// that text is ASCII without escapes; what it refuses encoding/json
// refuses too.
func TestRawText(t *testing.T) {
	var long []string
	for n := range 18 {
		x := string(bytes.Repeat([]byte("x"), n))
		long = append(long, `"`+x+`"`, `"`+x+`\"yz"`, `"`+x+"é"+x+`"`, "\""+x+"\x01\"", `"`+x)
	}
	for _, s := range append(long,
		`""`, `"abc"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, `"é"`, "\"\xff\"", `"a\/b"`, `"\ud800"`,
		`"abc`, `"a\`, `"a\x"`, `"\u12"`, `"\u12g4"`, "\"a\x01\"", "\"a\tb\"", `"`+string(bytes.Repeat([]byte("x"), 100))+`"`,
	) {
		checkRawText(t, s)
	}
}

// FuzzRawText: TestRawText on any quoted text.
func FuzzRawText(f *testing.F) {
	for _, s := range []string{"abc", `a\"b`, `\u00e9`, "\xff", "a\x01", `\ud800`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkRawText(t, `"`+s) })
}

// checkRawText holds rawText to encoding/json on s, text that begins
// with a quote: it reads the JSON string s begins with, to its closing
// quote, or fails when no beginning of s is one.
func checkRawText(t *testing.T, s string) {
	sc := &jsonScanner{src: []byte(s)}
	raw, plain, err := sc.rawText()
	if err != nil {
		for j := 2; j <= len(s) && j <= 4096; j++ {
			if json.Valid([]byte(s[:j])) {
				t.Errorf("rawText(%q): %v; %q is a JSON string", s, err, s[:j])
				return
			}
		}
		return
	}
	if !json.Valid([]byte(s[:sc.i])) || s[sc.i-1] != '"' {
		t.Errorf("rawText(%q) read %q, not a JSON string", s, s[:sc.i])
		return
	}
	if want := s[1 : sc.i-1]; string(raw) != want {
		t.Errorf("rawText(%q) = %q, want %q", s, raw, want)
	}
	wantPlain := bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw)
	for _, c := range raw {
		wantPlain = wantPlain && c < utf8.RuneSelf
	}
	if plain != wantPlain {
		t.Errorf("rawText(%q): plain %v, want %v", s, plain, wantPlain)
	}
}

// TestSmallInt: smallInt gives the term OPA reads for a small whole
// number, and nothing for any other number.
func TestSmallInt(t *testing.T) {
	for _, text := range []string{"0", "1", "7", "42", "101", "512", "513", "999", "1000", "-1", "1.5", "1e2", "65535"} {
		got := smallInt([]byte(text))
		want, err := ast.ParseTerm(text)
		if err != nil {
			t.Fatal(err)
		}
		if got != nil && !got.Equal(want) {
			t.Errorf("smallInt(%q) = %v, want %v", text, got, want)
		}
		if n, err := strconv.Atoi(text); got == nil && err == nil && n >= 0 && n < 10 {
			t.Errorf("smallInt(%q) is nil", text)
		}
	}
}
