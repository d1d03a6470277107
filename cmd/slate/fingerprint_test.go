package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/slate-ot/slate/evidence"
)

// fingerprintRE matches a secret fingerprint as evidence.Fingerprint writes it.
var fingerprintRE = regexp.MustCompile(`fp:[0-9a-f]{16}`)

// fingerprintScheme is one way a fingerprint may have been made: an HMAC
// key and the domain string written before the secret.
type fingerprintScheme struct {
	name   string
	key    []byte
	domain string
}

// bruteForce tries every printable ASCII secret of 1 to bruteForceMaxLen
// (4, or 3 under the race detector) characters under
// every scheme against fps, and returns the secrets found as
// "scheme: secret", sorted. The first character is split among
// GOMAXPROCS workers; the search stops once every fingerprint is found.
func bruteForce(fps []string, schemes []fingerprintScheme) []string {
	want := map[uint64]bool{}
	for _, fp := range fps {
		b, err := hex.DecodeString(strings.TrimPrefix(fp, "fp:"))
		if err != nil || len(b) != 8 {
			continue
		}
		want[binary.BigEndian.Uint64(b)] = true
	}
	if len(want) == 0 {
		return nil
	}
	var (
		mu    sync.Mutex
		found []string
		hits  = map[uint64]bool{}
		done  atomic.Bool
		wg    sync.WaitGroup
		first = make(chan byte)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			macs := make([]hash.Hash, len(schemes))
			for i, s := range schemes {
				macs[i] = hmac.New(sha256.New, s.key)
			}
			var buf [4]byte
			var sum [sha256.Size]byte
			check := func(secret []byte) {
				for i, m := range macs {
					m.Reset()
					m.Write([]byte(schemes[i].domain))
					m.Write(secret)
					if fp := binary.BigEndian.Uint64(m.Sum(sum[:0])); want[fp] {
						mu.Lock()
						found = append(found, schemes[i].name+": "+string(secret))
						hits[fp] = true
						done.Store(len(hits) == len(want))
						mu.Unlock()
					}
				}
			}
			for c0 := range first {
				buf[0] = c0
				check(buf[:1])
				for c1 := byte(0x20); c1 < 0x7f && !done.Load(); c1++ {
					buf[1] = c1
					check(buf[:2])
					for c2 := byte(0x20); c2 < 0x7f; c2++ {
						buf[2] = c2
						check(buf[:3])
						for c3 := byte(0x20); c3 < 0x7f && bruteForceMaxLen > 3; c3++ {
							buf[3] = c3
							check(buf[:4])
						}
					}
				}
			}
		}()
	}
	for c := byte(0x20); c < 0x7f && !done.Load(); c++ {
		first <- c
	}
	close(first)
	wg.Wait()
	slices.Sort(found)
	return found
}

// TestShortSecretsNotRecoverable assesses a copy of examples/plant-a — a
// site with short secrets on the wire (the SNMP community "public", a
// telnet password) and in its configurations (communities, passwords) —
// and collects it, then takes every fingerprint from every file either run
// writes and from the console, and brute-forces every printable secret of
// 1 to 4 characters against them: under the run's own key (as if it had
// leaked) and under the key the old scheme derived from what the bundle
// stores ("slate:" and the assessment name).
// It finds none, and the key itself appears in no output.
func TestShortSecretsNotRecoverable(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("../../examples/plant-a")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SLATE_FINGERPRINT_KEY", "")
	out := t.TempDir()
	code, stdout, stderr := runSlate(t, "assess", site, "--out", filepath.Join(out, "assess"), "--as-of", "2026-11-01",
		"--format", "md,html,xlsx,junit,sarif,oscal")
	if code != ExitOK {
		t.Fatalf("slate assess exited %d:\n%s", code, stderr)
	}
	code, stdout2, stderr2 := runSlate(t, "collect", site, "--out", filepath.Join(out, "collect"), "--as-of", "2026-11-01")
	if code != ExitOK {
		t.Fatalf("slate collect exited %d:\n%s", code, stderr2)
	}
	raw, err := os.ReadFile(filepath.Join(site, ".slate", "fingerprint.key"))
	if err != nil {
		t.Fatalf("assess made no key file: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(site, ".slate", "fingerprint.key")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	key, err := evidence.ParseFingerprintKey(string(raw))
	if err != nil {
		t.Fatal(err)
	}

	texts := runTexts(t, filepath.Join(out, "assess"))
	for name, text := range runTexts(t, filepath.Join(out, "collect")) {
		texts["collect/"+name] = text
	}
	texts["console"] = stdout + stderr + stdout2 + stderr2
	for _, name := range []string{"bundle.json", "scorecard.json", "summary.md", "scorecard.html", "junit.xml",
		"results.sarif", "oscal-assessment-results.json", "collect/bundle.json"} {
		if _, ok := texts[name]; !ok {
			t.Errorf("the run wrote no %s; the test would not read it", name)
		}
	}
	var fps []string
	for name, text := range texts {
		for _, enc := range []string{hex.EncodeToString(key), base64.StdEncoding.EncodeToString(key), strings.TrimSpace(string(raw))} {
			if strings.Contains(text, enc) {
				t.Errorf("%s holds the fingerprint key", name)
			}
		}
		fps = append(fps, fingerprintRE.FindAllString(text, -1)...)
	}
	slices.Sort(fps)
	fps = slices.Compact(fps)

	// The site must have short secrets where the test says, classed.
	classes := secretClasses(t, []byte(texts["bundle.json"]))
	for _, want := range []string{"pcap snmp_community default", "netconfig default", "netconfig short"} {
		if !classes[want] {
			t.Errorf("the bundle has no %q secret; classes %v", want, classes)
		}
	}

	var name string
	if err := json.Unmarshal([]byte(texts["bundle.json"]), &struct {
		Assessment struct{ Name *string } `json:"assessment"`
	}{struct{ Name *string }{&name}}); err != nil || name == "" {
		t.Fatalf("bundle names no assessment (%v)", err)
	}
	schemes := []fingerprintScheme{
		{"site key", key, "slate-fingerprint-v2\x00"},
		{"old salt", []byte("slate:" + name), "slate-fingerprint-v1\x00"},
	}
	if found := bruteForce(fps, schemes); len(found) > 0 {
		t.Errorf("short secrets recovered from the outputs' %d fingerprint(s): %q", len(fps), found)
	}
	t.Logf("%d fingerprint(s) in the outputs; classes %v", len(fps), classes)
}

// TestBruteForceFindsOldScheme shows that the search above can fail: short
// secrets fingerprinted the old way, keyed by "slate:" and the assessment
// name, are found, of each length from 1 to 4.
func TestBruteForceFindsOldScheme(t *testing.T) {
	salt := []byte("slate:plant-a")
	old := func(secret string) string {
		m := hmac.New(sha256.New, salt)
		m.Write([]byte("slate-fingerprint-v1\x00"))
		m.Write([]byte(secret))
		return "fp:" + hex.EncodeToString(m.Sum(nil)[:8])
	}
	// First characters early in the search order keep the test quick.
	text := `{"community": "` + old("#") + `", "password": "` + old("%1") + `", "x": "` + old("!b~") + `", "y": "` + old("$a9Z") + `"}`
	found := bruteForce(fingerprintRE.FindAllString(text, -1), []fingerprintScheme{{"old salt", salt, "slate-fingerprint-v1\x00"}})
	want := []string{"old salt: !b~", "old salt: #", "old salt: $a9Z", "old salt: %1"}
	want = slices.DeleteFunc(want, func(s string) bool { return len(s) > len("old salt: ")+bruteForceMaxLen })
	if !slices.Equal(found, want) {
		t.Errorf("found %q, want %q", found, want)
	}
}

// secretClasses returns the strength classes of the secrets in a bundle,
// as "pcap KIND CLASS" for wire credentials and "netconfig CLASS" for SNMP
// communities.
func secretClasses(t *testing.T, bundle []byte) map[string]bool {
	t.Helper()
	var b struct {
		Documents []struct {
			Kind string          `json:"kind"`
			Data json.RawMessage `json:"data"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, d := range b.Documents {
		switch d.Kind {
		case "pcap":
			var data struct {
				Credentials []struct{ Kind, Strength string } `json:"credentials"`
			}
			if err := json.NewDecoder(bytes.NewReader(d.Data)).Decode(&data); err != nil {
				t.Fatal(err)
			}
			for _, c := range data.Credentials {
				out["pcap "+c.Kind+" "+c.Strength] = true
			}
		case "netconfig":
			var data struct {
				Devices []struct {
					SNMP struct {
						Communities []struct{ Strength string } `json:"communities"`
					} `json:"snmp"`
				} `json:"devices"`
			}
			if err := json.Unmarshal(d.Data, &data); err != nil {
				t.Fatal(err)
			}
			for _, dev := range data.Devices {
				for _, c := range dev.SNMP.Communities {
					out["netconfig "+c.Strength] = true
				}
			}
		}
	}
	return out
}
