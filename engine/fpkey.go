package engine

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/slate-ot/slate/evidence"
)

// FingerprintKeyEnv names the environment variable holding the site's
// fingerprint key, hex or base64, at least evidence.MinKeyLen bytes.
const FingerprintKeyEnv = "SLATE_FINGERPRINT_KEY"

// FingerprintKeyFile is the site's key file, relative to the directory of
// the assessment file.
const FingerprintKeyFile = ".slate/fingerprint.key"

// FingerprintKey returns the key that fingerprints the secrets collection
// sees (evidence.Fingerprint). It is SLATE_FINGERPRINT_KEY when set. Else,
// when opts.FingerprintKeyFile is set (as it is for the command line), it
// is the key file .slate/fingerprint.key in dir, which a first run creates
// with a random key (mode 0600, directory 0700). Else it is nil, and
// secrets get a strength class but no fingerprint. The key never enters
// any output. A key that does not decode, or is shorter
// than evidence.MinKeyLen bytes, is an error naming where it came from.
func FingerprintKey(dir string, opts Options) ([]byte, error) {
	if s := getenv(opts)(FingerprintKeyEnv); s != "" {
		key, err := evidence.ParseFingerprintKey(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", FingerprintKeyEnv, err)
		}
		return key, nil
	}
	if !opts.FingerprintKeyFile {
		return nil, nil
	}
	path := filepath.Join(dir, filepath.FromSlash(FingerprintKeyFile))
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		key, err := evidence.ParseFingerprintKey(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return key, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	key := make([]byte, evidence.MinKeyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another run made it first: use theirs
		return FingerprintKey(dir, Options{Getenv: func(string) string { return "" }, FingerprintKeyFile: true})
	}
	if err != nil {
		return nil, err
	}
	_, err = f.WriteString(hex.EncodeToString(key) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return key, nil
}
