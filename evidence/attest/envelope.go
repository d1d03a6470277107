package attest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	ssldsse "github.com/secure-systems-lab/go-securesystemslib/dsse"
	"github.com/sigstore/sigstore/pkg/signature"
	"github.com/sigstore/sigstore/pkg/signature/dsse"

	"github.com/slate-ot/slate/evidence"
)

// SignStatement signs st in a DSSE envelope and returns the envelope's
// canonical JSON: the file `cosign verify-blob-attestation --signature`
// reads.
func SignStatement(s signature.Signer, st Statement) ([]byte, error) {
	payload, err := st.Encode()
	if err != nil {
		return nil, fmt.Errorf("encode statement: %w", err)
	}
	raw, err := dsse.WrapSigner(s, PayloadType).SignMessage(bytes.NewReader(payload))
	if err != nil {
		return nil, fmt.Errorf("sign statement: %w", err)
	}
	// Re-encode canonically so the file has one spelling only (see
	// parseEnvelope).
	env, err := parseEnvelopeJSON(raw)
	if err != nil {
		return nil, err
	}
	return evidence.Canonical(env)
}

// VerifyStatement checks a DSSE envelope written by SignStatement against
// the public key and returns the statement it carries.
func VerifyStatement(v signature.Verifier, envFile []byte) (Statement, error) {
	if _, err := parseEnvelope(envFile); err != nil {
		return Statement{}, err
	}
	var payload []byte
	dv := dsse.WrapVerifier(v, dsse.WithExpectedPayloadType(PayloadType), dsse.WithDecodedPayload(&payload))
	if err := dv.VerifySignature(bytes.NewReader(envFile), nil); err != nil {
		return Statement{}, fmt.Errorf("the DSSE signature does not verify with the public key: %w", err)
	}
	return decodeStatement(payload)
}

// parseEnvelope decodes a DSSE envelope and insists it is in the one form
// SignStatement writes: canonical JSON, known fields only, strict base64,
// one signature. The signature covers the payload type and payload only;
// this makes every other byte of the file count too.
func parseEnvelope(raw []byte) (*ssldsse.Envelope, error) {
	env, err := parseEnvelopeJSON(raw)
	if err != nil {
		return nil, err
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("DSSE payloadType %q is not %q", env.PayloadType, PayloadType)
	}
	if len(env.Signatures) != 1 {
		return nil, fmt.Errorf("DSSE envelope has %d signatures, want 1", len(env.Signatures))
	}
	for _, f := range []struct{ what, text string }{{"payload", env.Payload}, {"signature", env.Signatures[0].Sig}} {
		b, err := base64.StdEncoding.Strict().DecodeString(f.text)
		if err != nil || base64.StdEncoding.EncodeToString(b) != f.text {
			return nil, fmt.Errorf("DSSE %s is not canonical base64", f.what)
		}
	}
	canon, err := evidence.Canonical(env)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(canon, raw) {
		return nil, errors.New("DSSE envelope is not in canonical form (edited after signing?)")
	}
	return env, nil
}

// parseEnvelopeJSON decodes envelope JSON, refusing unknown fields.
func parseEnvelopeJSON(raw []byte) (*ssldsse.Envelope, error) {
	var env ssldsse.Envelope
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("DSSE envelope: %w", err)
	}
	if dec.More() {
		return nil, errors.New("DSSE envelope: data after the envelope")
	}
	return &env, nil
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
