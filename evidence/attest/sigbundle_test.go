package attest

import (
	"bytes"
	"strings"
	"testing"

	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// TestSigstoreBundleForms: a bundle in another key order and white space
// (as cosign sign-blob --new-bundle-format writes it) verifies; a bundle
// that reads the same but spells a value or a field another way, or holds
// anything else, does not.
func TestSigstoreBundleForms(t *testing.T) {
	s := signer(t, "forms")
	data := []byte("the signed file\n")
	var bundle []byte
	// A signature whose base64 has a '+' or '/', so that the URL alphabet
	// spells it another way.
	for i := 0; i < 64; i++ {
		sig, err := s.SignMessage(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if bundle, err = SigstoreBundle(s, data, sig); err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(bundle, "+/") {
			break
		}
	}
	var b protobundle.Bundle
	if err := protojson.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	cosignForm, err := protojson.MarshalOptions{Multiline: true, Indent: "  "}.Marshal(&b)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(cosignForm, bundle) {
		t.Fatal("the reformatted bundle is the canonical one; the test proves nothing")
	}
	urlAlphabet := strings.NewReplacer("+", "-", "/", "_").Replace(string(bundle))
	tests := []struct {
		name string
		file []byte
		ok   bool
	}{
		{"canonical", bundle, true},
		{"cosign's key order and white space", cosignForm, true},
		{"base64 in the URL alphabet", []byte(urlAlphabet), false},
		{"proto field name", bytes.Replace(bundle, []byte(`"mediaType"`), []byte(`"media_type"`), 1), false},
		{"unknown field", bytes.Replace(bundle, []byte(`{`), []byte(`{"x":1,`), 1), false},
		{"data after the bundle", append(bytes.Clone(bundle), "{}"...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySigstoreBundle(s, data, tt.file)
			if (err == nil) != tt.ok {
				t.Errorf("VerifySigstoreBundle: %v, want ok %v", err, tt.ok)
			}
		})
	}
}
