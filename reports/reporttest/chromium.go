package reporttest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// ChromiumLayout renders page, a self-contained HTML document, in headless
// Chromium at 1400 and 390 px wide, in a frame of that width, and fails
// the test when the document runs off the side; it prints the page to PDF
// too. It skips when chromium is not on PATH (.ci installs it) or with
// -short.
func ChromiumLayout(t *testing.T, page []byte) {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "page.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	args := func(more ...string) []string {
		return append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + filepath.Join(dir, "profile")}, more...)
	}
	for _, width := range []int{1400, 390} {
		// The frame sets the width exactly: a headless window has a
		// minimum width above a phone's. The harness script is the
		// test's; the page itself has none.
		harness := fmt.Sprintf(`<!doctype html><html><body style="margin:0"><iframe id="f" src="page.html" style="width:%dpx;height:900px;border:0"></iframe>
<script>document.getElementById("f").addEventListener("load", function () {
var d = this.contentDocument.documentElement;
document.body.setAttribute("data-width", d.scrollWidth + " " + d.clientWidth);
});</script></body></html>`, width)
		file := filepath.Join(dir, fmt.Sprintf("w%d.html", width))
		if err := os.WriteFile(file, []byte(harness), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, args("--allow-file-access-from-files", "--window-size=1500,1000", "--virtual-time-budget=5000",
			"--dump-dom", "file://"+file)...).Output()
		if err != nil {
			t.Fatalf("chromium at %d px: %v", width, err)
		}
		m := regexp.MustCompile(`data-width="(\d+) (\d+)"`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("at %d px the page was not measured:\n%s", width, out)
		}
		scroll, _ := strconv.Atoi(string(m[1]))
		client, _ := strconv.Atoi(string(m[2]))
		if client == 0 || client > width || scroll > client {
			t.Errorf("at %d px the document is %d px wide in a view of %d px: it runs off the side", width, scroll, client)
		}
	}
	pdf := filepath.Join(dir, "page.pdf")
	if out, err := exec.Command(bin, args("--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+filepath.Join(dir, "page.html"))...).CombinedOutput(); err != nil {
		t.Fatalf("print to PDF: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(pdf)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("no PDF printed: %v", err)
	}
	if m := regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`).FindSubmatch(raw); m == nil {
		t.Error("the printed PDF has no page tree")
	}
}
