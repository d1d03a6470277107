// Command gensite writes a large generated site to disk, as its evidence
// files would be exported from a plant: the assessment file, the asset
// inventory (a CSV export of the CMDB and one XLSX register per production
// cell), span-port captures (classic pcap and pcapng), Cisco IOS
// configurations of the access switches and of the firewall pairs between
// zones with their ACLs, and the identity provider's CSV export of users.
// The site is the one engine's BenchmarkScale builds in memory (package
// internal/benchsite: twelve zones, seventeen conduits, traffic that
// repeats), with a few hundred violations of the checks so that findings
// exist. The output is deterministic for a given size.
//
//	go run ./bench/gensite -size full -out /tmp/site
//
// bench/site.sh generates the site and times `slate assess` over it.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/internal/benchsite"
)

func main() {
	log.SetFlags(0)
	size := flag.String("size", "small", "small, medium or full (1 %, 10 % or all of 100,000 assets, 1,000,000 flows, 1,000 devices)")
	out := flag.String("out", "site", "directory to write the site to (its evidence/ is replaced)")
	flag.Parse()
	sz, ok := benchsite.Sizes[*size]
	if !ok {
		log.Fatalf("gensite: unknown size %q: small, medium or full", *size)
	}
	st, err := generate(*out, sz)
	if err != nil {
		log.Fatal("gensite: ", err)
	}
	fmt.Printf("%s: %s; %s\n", *out, sz, st)
}

// stats is what was written.
type stats struct {
	rows, csvRows, xlsxRows, flows, packets, configs, users int
	captureBytes                                            int64
}

func (s stats) String() string {
	return fmt.Sprintf("%d inventory rows (%d CSV, %d XLSX), %d flows in %d packets (%d capture bytes), %d configurations, %d users",
		s.rows, s.csvRows, s.xlsxRows, s.flows, s.packets, s.captureBytes, s.configs, s.users)
}

// site is the generator's state: the hosts by zone and a fixed-seed
// random source for everything not derived from an index.
type site struct {
	size  benchsite.Size
	hosts [][]string
	rng   *rand.Rand
}

func generate(dir string, size benchsite.Size) (stats, error) {
	var st stats
	if err := os.RemoveAll(filepath.Join(dir, "evidence")); err != nil {
		return st, err
	}
	for _, sub := range []string{"inventory", "configs", "captures", "identity"} {
		if err := os.MkdirAll(filepath.Join(dir, "evidence", sub), 0o755); err != nil {
			return st, err
		}
	}
	s := &site{size: size, hosts: benchsite.Hosts(size), rng: rand.New(rand.NewPCG(62443, 80082))}
	if err := os.WriteFile(filepath.Join(dir, "assessment.hcl"), []byte(assessmentFile("")), 0o644); err != nil {
		return st, err
	}
	// One assessment file per kind of source beside it, for timing each
	// collector apart (bench/site.sh with PHASES=1).
	for _, kind := range sourceKinds(assessmentFile("")) {
		if err := os.WriteFile(filepath.Join(dir, "only-"+kind+".hcl"), []byte(assessmentFile(kind)), 0o644); err != nil {
			return st, err
		}
	}
	var err error
	if st.csvRows, st.xlsxRows, err = s.inventory(dir); err != nil {
		return st, fmt.Errorf("inventory: %w", err)
	}
	st.rows = st.csvRows + st.xlsxRows
	if st.configs, err = s.configs(dir); err != nil {
		return st, fmt.Errorf("configurations: %w", err)
	}
	if st.users, err = s.identities(dir); err != nil {
		return st, fmt.Errorf("identities: %w", err)
	}
	if st.flows, st.packets, st.captureBytes, err = s.captures(dir); err != nil {
		return st, fmt.Errorf("captures: %w", err)
	}
	return st, nil
}

// otGroups are the identity provider's groups that reach OT zones.
var otGroups = []struct {
	name  string
	zones []string
}{
	{"OT-Engineers", []string{"cell-01", "cell-02", "cell-03", "cell-04", "cell-05", "cell-06", "engineering"}},
	{"OT-Operators", []string{"scada"}},
	{"OT-Vendors", []string{"cell-01", "cell-02"}},
}

// assessmentFile is the site's assessment.hcl, or with only the sources of
// one kind when kind is not "".
// sourceKind finds the kind of each source block of an assessment file.
var sourceKind = regexp.MustCompile(`(?m)^source "([a-z]+)"`)

// sourceKinds returns the kinds of the assessment file's sources, each
// once, sorted.
func sourceKinds(hcl string) []string {
	var kinds []string
	for _, m := range sourceKind.FindAllStringSubmatch(hcl, -1) {
		kinds = append(kinds, m[1])
	}
	slices.Sort(kinds)
	return slices.Compact(kinds)
}

func assessmentFile(kind string) string {
	var h strings.Builder
	h.WriteString("# A generated large site (bench/gensite): twelve zones, seventeen conduits.\n")
	h.WriteString("assessment \"site\" {\n  site  = \"Generated large site\"\n  as_of = \"2026-11-01\"\n}\n\n")
	h.WriteString("framework \"iec62443-3-3\" {}\n\nframework \"nist-800-53r5\" {\n  baseline = \"moderate\"\n}\n")
	for i, z := range benchsite.Zones {
		fmt.Fprintf(&h, "\nzone %q {\n  kind      = %q\n  owner     = %q\n  networks  = [\"10.%d.0.0/16\"]\n  vlans     = [%d]\n  sl_target = %d\n}\n",
			z.Name, z.Kind, z.Owner, 10+i, z.VLAN, z.SL)
	}
	for _, c := range benchsite.Conduits {
		fmt.Fprintf(&h, "\nconduit %q {\n  from     = %q\n  to       = %q\n  services = [%s]\n}\n", c.From+"-"+c.To, c.From, c.To, quoted(c.Services))
	}
	source := func(k, text string) {
		if kind == "" || kind == k {
			h.WriteString(text)
		}
	}
	source("assets", "\n# The CMDB's CSV export: the IT, DMZ and central OT zones.\nsource \"assets\" \"cmdb\" {\n  files = [\"evidence/inventory/cmdb.csv\"]\n}\n")
	source("assets", "\n# Each production cell keeps its own register in a workbook.\nsource \"assets\" \"cell-registers\" {\n  files = [\"evidence/inventory/cell-*.xlsx\"]\n  sheet = \"Components\"\n}\n")
	source("netconfig", "\nsource \"netconfig\" \"network\" {\n  files = [\"evidence/configs/*.cfg\"]\n}\n")
	for i, span := range benchsite.Spans {
		source("pcap", fmt.Sprintf("\nsource \"pcap\" %q {\n  files = [\"evidence/captures/%s.%s\"]\n}\n", span, span, captureExt(i)))
	}
	var groups strings.Builder
	for _, g := range otGroups { // sorted by name
		fmt.Fprintf(&groups, "    %q = [%s]\n", g.name, quoted(g.zones))
	}
	source("mfa", "\nsource \"mfa\" \"idp\" {\n  files              = [\"evidence/identity/idp-users.csv\"]\n  format             = \"csv\"\n"+
		"  remote_access_apps = [\"OT-VPN\"]\n  ot_access_groups = {\n"+groups.String()+"  }\n}\n")
	return h.String()
}

func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// captureExt is the file extension of span i's capture: the cell spans
// are pcapng, the others classic pcap.
func captureExt(i int) string {
	if i == 1 || i == 2 {
		return "pcapng"
	}
	return "pcap"
}
