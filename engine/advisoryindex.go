package engine

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
	"github.com/slate-ot/slate/evidence/traffic"
)

// advisoryIndex makes input.index.advisories when the input has advisory
// evidence: the advisories of every "advisories" document matched against
// the site's assets at the assessment's date (evidence/advisory), with the
// CVEs of every "kev" document joined in:
//
//	"index": {"advisories": {
//	    "matches":    every match (advisory.Match), each with
//	                  "reachable_from": the zones (or "external") that
//	                  flows to the asset's address come from,
//	    "ignored":    advisories left out by the date, and why,
//	    "advisories": how many were matched against,
//	    "snapshots":  [{"document", "digest"}] of the advisory documents,
//	    "kev":        [{"document", "version"}] of the KEV documents}}
//
// The assets are the inventory's records and the identities read off the
// wire (index.pcap.identity: Modbus device identification, EtherNet/IP
// identity, S7 SZL, BACnet device properties, SNMP sysDescr, HTTP Server
// headers, SSH version strings, TLS certificate subjects). The engine reads both through the small adapters
// below, by field name, so that the shape of the capture evidence can
// change without the matching changing. ok is false when there is no
// advisory document; the checks that read the index are then not
// assessed.
func advisoryIndex(evidenceTerm, assessment *ast.Term, pcap ast.Object) (ast.Object, bool) {
	ev, _ := termValue(evidenceTerm).(ast.Object)
	if ev == nil {
		return nil, false
	}
	docs, _ := listAt(ev, "advisories")
	if docs == nil || docs.Len() == 0 {
		return nil, false
	}
	asOf := ""
	if a, ok := termValue(assessment).(ast.Object); ok {
		if s, ok := termValue(a.Get(ast.InternedTerm("as_of"))).(ast.String); ok {
			asOf = string(s)
		}
	}
	type snapshot struct {
		Document string `json:"document"`
		Digest   string `json:"digest"`
	}
	type catalog struct {
		Document string `json:"document"`
		Version  string `json:"version"`
	}
	var srcs []advisory.Source
	snapshots := []snapshot{}
	for i := range docs.Len() {
		var d struct {
			ID   string `json:"id"`
			Data struct {
				Advisories     []advisory.Advisory `json:"advisories"`
				SnapshotDigest string              `json:"snapshot_digest"`
			} `json:"data"`
		}
		if !decodeTerm(docs.Elem(i), &d) {
			continue
		}
		snapshots = append(snapshots, snapshot{d.ID, d.Data.SnapshotDigest})
		for _, a := range d.Data.Advisories {
			srcs = append(srcs, advisory.Source{Advisory: a, Document: d.ID})
		}
	}
	var kev []advisory.KEV
	catalogs := []catalog{}
	if list, _ := listAt(ev, "kev"); list != nil {
		for i := range list.Len() {
			var d struct {
				ID   string           `json:"id"`
				Data advisory.KEVData `json:"data"`
			}
			if decodeTerm(list.Elem(i), &d) {
				catalogs = append(catalogs, catalog{d.ID, d.Data.Version})
				kev = append(kev, advisory.KEVAsOf(d.Data.Vulnerabilities, asOf)...)
			}
		}
	}
	subjects, names := inventorySubjects(ev)
	subjects = append(subjects, wireSubjects(pcap, names)...)
	res := advisory.NewIndex(srcs, kev, asOf).Match(subjects)
	res.Matches = advisory.MergeByRef(res.Matches)
	reach := reachableFrom(pcap)
	for i := range res.Matches {
		res.Matches[i].ReachableFrom = reach[res.Matches[i].Subject.IP]
		if res.Matches[i].ReachableFrom == nil {
			res.Matches[i].ReachableFrom = []string{}
		}
	}
	raw, err := json.Marshal(map[string]any{"matches": res.Matches, "ignored": res.Ignored,
		"advisories": res.Advisories, "snapshots": snapshots, "kev": catalogs})
	if err != nil {
		return nil, false
	}
	v, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, false
	}
	obj, ok := v.(ast.Object)
	return obj, ok
}

// decodeTerm decodes a term into a Go value through JSON; false when it
// does not fit.
func decodeTerm(t *ast.Term, into any) bool {
	x, err := ast.JSON(t.Value)
	if err != nil {
		return false
	}
	raw, err := json.Marshal(x)
	if err != nil {
		return false
	}
	return json.Unmarshal(raw, into) == nil
}

// orderNumberColumns are inventory columns (kept in a record's extra
// cells, compared in lower case) that hold an order or catalogue number.
var orderNumberColumns = []string{"order number", "order no", "order no.", "article number", "article no", "mlfb",
	"catalog number", "catalogue number", "part number", "product code"}

// inventorySubjects adapts the inventory's records, by field name: the
// record fields of collectors/assets (name, ip, zone, vendor, model,
// firmware, extra). names maps an address to the label of the record
// that holds it, for naming what the wire shows.
func inventorySubjects(ev ast.Object) ([]advisory.Subject, map[string]string) {
	names := map[string]string{}
	var out []advisory.Subject
	docs, _ := listAt(ev, "assets")
	if docs == nil {
		return nil, names
	}
	for i := range docs.Len() {
		var d struct {
			ID   string `json:"id"`
			Data struct {
				Assets []struct {
					ID, Name, IP, MAC, Zone, Vendor, Model, Firmware, File string
					Line                                                   int
					Extra                                                  map[string]string
				} `json:"assets"`
			} `json:"data"`
		}
		if !decodeTerm(docs.Elem(i), &d) {
			continue
		}
		for _, a := range d.Data.Assets {
			label := cmpOr(a.Name, a.IP, a.MAC, "row "+a.ID)
			if a.IP != "" {
				if _, seen := names[a.IP]; !seen {
					names[a.IP] = label
				}
			}
			if a.Vendor == "" && a.Model == "" {
				continue
			}
			s := advisory.Subject{Ref: "asset:" + label, Source: "inventory", Document: d.ID, Record: a.ID, File: a.File, Line: a.Line,
				Name: a.Name, IP: a.IP, Zone: a.Zone, Vendor: a.Vendor, Model: a.Model, Firmware: a.Firmware}
			for k, v := range a.Extra {
				switch k := strings.ToLower(strings.TrimSpace(k)); {
				case slices.Contains(orderNumberColumns, k):
					s.OrderNumber = v
				case k == "cpe":
					s.CPE = v
				case k == "purl" || k == "package url":
					s.PURL = v
				}
			}
			out = append(out, s)
		}
	}
	return out, names
}

func cmpOr(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// wireSubjects adapts the device identities read off the wire
// (index.pcap.identity): for each flow, the server end's address and
// zone and what its facts say of the device there, as
// traffic.DeviceIdentities reads them (Modbus device identification,
// CIP identity, S7 SZL, BACnet device properties, and the banners of
// SNMP, HTTP, SSH and TLS). One subject per address and identity; the
// flow and the attributes read are its record.
func wireSubjects(pcap ast.Object, names map[string]string) []advisory.Subject {
	if pcap == nil {
		return nil
	}
	list, _ := listAt(pcap, "identity")
	if list == nil {
		return nil
	}
	var out []advisory.Subject
	seen := map[advisory.Subject]bool{}
	for i := range list.Len() {
		var f struct {
			ID       string `json:"id"`
			Document string `json:"document"`
			Protocol string `json:"protocol"`
			Server   struct {
				IP   string `json:"ip"`
				Zone string `json:"zone"`
			} `json:"server"`
			Facts struct {
				Attrs map[string]string `json:"attrs"`
			} `json:"facts"`
		}
		if !decodeTerm(list.Elem(i), &f) || f.Server.IP == "" {
			continue
		}
		for _, id := range traffic.DeviceIdentities(f.Protocol, f.Facts.Attrs) {
			s := advisory.Subject{Source: "wire", Document: f.Document, Record: f.ID, From: f.Protocol + " " + strings.Join(id.From, ", "),
				IP: f.Server.IP, Zone: f.Server.Zone, Vendor: id.Vendor, Model: id.Model, OrderNumber: id.OrderNumber,
				Firmware: id.Firmware, CPE: id.CPE, Banner: id.Banner}
			s.Ref = "ip:" + s.IP
			if n, ok := names[s.IP]; ok {
				s.Ref, s.Name = "asset:"+n, n
			}
			key := s
			key.Record, key.Document = "", ""
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

// reachableFrom maps each address to the zones flows into it come from
// when they cross a zone boundary (index.pcap.crossing), and to
// "external" when they come from outside every declared network
// (index.pcap.external), sorted.
func reachableFrom(pcap ast.Object) map[string][]string {
	out := map[string][]string{}
	if pcap == nil {
		return out
	}
	for _, sel := range []string{"crossing", "external"} {
		list, _ := listAt(pcap, sel)
		if list == nil {
			continue
		}
		for i := range list.Len() {
			var f struct {
				Client struct{ IP, Zone string } `json:"client"`
				Server struct{ IP, Zone string } `json:"server"`
			}
			if !decodeTerm(list.Elem(i), &f) || f.Server.IP == "" || f.Client.Zone == f.Server.Zone && sel == "crossing" {
				continue
			}
			from := f.Client.Zone
			if sel == "external" {
				if f.Client.Zone != "" {
					continue
				}
				from = "external"
			}
			if from != "" && !slices.Contains(out[f.Server.IP], from) {
				out[f.Server.IP] = append(out[f.Server.IP], from)
			}
		}
	}
	for ip := range out {
		slices.Sort(out[ip])
	}
	return out
}

// advisoryMatches reads the matches of input.index.advisories back for
// the scorecard, the reports' list of vulnerable components; nil when
// the input has no such index (no advisory collected, or no check reads
// the index).
func advisoryMatches(input ast.Value) []scorecard.AdvisoryMatch {
	in, ok := input.(ast.Object)
	if !ok {
		return nil
	}
	index, ok := termValue(in.Get(ast.InternedTerm("index"))).(ast.Object)
	if !ok {
		return nil
	}
	adv := index.Get(ast.InternedTerm("advisories"))
	if adv == nil {
		return nil
	}
	var res struct {
		Matches []advisory.Match `json:"matches"`
	}
	if !decodeTerm(adv, &res) {
		return nil
	}
	var out []scorecard.AdvisoryMatch
	for _, m := range res.Matches {
		var status string
		switch {
		case m.Status == advisory.StatusAffected && m.FixAvailable:
			status = scorecard.AdvisoryFixAvailable
		case m.Status == advisory.StatusAffected:
			status = scorecard.AdvisoryMitigationsOnly
		case m.Status == advisory.StatusPossible:
			status = scorecard.AdvisoryPossible
		case m.Status == advisory.StatusFixed:
			status = scorecard.AdvisoryFixed
		default:
			continue
		}
		s := m.Subject
		var rem []string
		for _, r := range m.Remediations {
			rem = append(rem, r.Category+": "+strings.Join(strings.Fields(r.Details), " "))
		}
		out = append(out, scorecard.AdvisoryMatch{Subject: s.Ref, Asset: cmpOr(s.Name, strings.TrimPrefix(s.Ref, "ip:")),
			Zone: s.Zone, IP: s.IP, Source: s.Source, Vendor: s.Vendor, Model: cmpOr(s.Model, s.OrderNumber), Firmware: s.Firmware,
			Advisory: m.Advisory, Title: m.Title, Document: m.Document, Product: m.Product,
			CVEs: m.CVEs, CVSS: m.CVSS, KEV: m.KEV, FixedVersion: m.FixedVersion,
			Remediation: strings.Join(rem, "\n"), Confidence: m.Confidence, Status: status, From: s.From,
			Evidence: advisoryRefs(m)})
	}
	return out
}

// advisoryRefs are the evidence of a match as the check's findings cite
// it: the component's record and the advisory's file, sorted.
func advisoryRefs(m advisory.Match) []evidence.Ref {
	refs := []evidence.Ref{{Document: m.Document, Record: m.Advisory, File: m.File}}
	if m.Subject.Document != "" {
		refs = append(refs, evidence.Ref{Document: m.Subject.Document, Record: m.Subject.Record, File: m.Subject.File, Line: m.Subject.Line})
	}
	slices.SortFunc(refs, compareRefs)
	return refs
}
