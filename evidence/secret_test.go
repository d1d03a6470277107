package evidence

import (
	"bytes"
	"strings"
	"testing"
)

// TestSecretStrength: only a long secret with some variety is "long"; a
// default is "default" whatever its length.
func TestSecretStrength(t *testing.T) {
	tests := []struct {
		secret    string
		isDefault bool
		want      string
	}{
		{"", false, SecretEmpty},
		{"", true, SecretEmpty},
		{"public", true, SecretDefault},
		{"a-long-default-pw", true, SecretDefault},
		{"x", false, SecretShort},
		{"Pl4nt!Secr3", false, SecretShort}, // 11 bytes
		{"Pl4nt!Secr3t", false, SecretLong}, // 12 bytes
		{"123456789012", false, SecretLowEntropy},
		{"abababababab", false, SecretLowEntropy},
		{"abcdeabcdeab", false, SecretLowEntropy}, // 5 distinct bytes
		{"abcdefabcdef", false, SecretLong},       // 6 distinct bytes
	}
	for _, tc := range tests {
		if got := SecretStrength([]byte(tc.secret), tc.isDefault); got != tc.want {
			t.Errorf("SecretStrength(%q, %v) = %q, want %q", tc.secret, tc.isDefault, got, tc.want)
		}
	}
}

// TestFingerprint: a long secret under a key gets a stable "fp:" and 16
// hex digits that depend on the key; no key, or any other class, gets "".
func TestFingerprint(t *testing.T) {
	k1, k2 := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	long := []byte("Pl4nt!Secr3t")
	fp := Fingerprint(k1, long, false)
	if !strings.HasPrefix(fp, "fp:") || len(fp) != 19 {
		t.Fatalf("fingerprint %q", fp)
	}
	if again := Fingerprint(k1, long, false); again != fp {
		t.Errorf("not stable: %q, %q", fp, again)
	}
	if other := Fingerprint(k2, long, false); other == fp {
		t.Errorf("another key gives the same fingerprint %q", fp)
	}
	for _, tc := range []struct {
		key       []byte
		secret    string
		isDefault bool
	}{
		{nil, "Pl4nt!Secr3t", false},
		{k1, "Pl4nt!Secr3t", true},
		{k1, "pass", false},
		{k1, "123456789012", false},
		{k1, "", false},
	} {
		if got := Fingerprint(tc.key, []byte(tc.secret), tc.isDefault); got != "" {
			t.Errorf("Fingerprint(%x, %q, %v) = %q, want none", tc.key, tc.secret, tc.isDefault, got)
		}
	}
}

func TestParseFingerprintKey(t *testing.T) {
	want := bytes.Repeat([]byte{0xfb}, 32)
	for _, s := range []string{
		strings.Repeat("fb", 32), strings.Repeat("FB", 32) + "\n",
		"+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/s=", "-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s",
	} {
		got, err := ParseFingerprintKey(s)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("ParseFingerprintKey(%q) = %x, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "  ", "abcd", "zz zz", strings.Repeat("ab", 31)} {
		if _, err := ParseFingerprintKey(s); err == nil {
			t.Errorf("ParseFingerprintKey(%q): no error", s)
		}
	}
}
