// Package portfoliotest makes synthetic signed runs for the portfolio's
// tests and benchmark: small scorecards of a few zones, gaps, root
// causes, waivers and advisories that vary with the site and the week, in
// run folders signed as `slate assess --sign-key` signs them.
package portfoliotest

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sigstore/sigstore/pkg/signature"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/attest"
)

// Sealed file names of a run (engine.SealedAssessmentFile and
// engine.SealedPoliciesFile; the engine is not imported here).
const (
	sealedAssessment = "assessment.tar.gz"
	sealedPolicies   = "policies.tar.gz"
)

// Requirements are the requirements every synthetic scorecard lists.
var Requirements = []string{"SR 1.1", "SR 1.13", "SR 2.8", "SR 3.4", "SR 5.1", "SR 7.8"}

// Scorecard makes the scorecard of site number site (0, 1, …) in week
// week, dated start + week weeks. Higher sites fail more requirements;
// later weeks close gaps. Every fourth site has a KEV-affected asset.
func Scorecard(site, week int, start time.Time) *scorecard.Scorecard {
	name := fmt.Sprintf("site-%03d", site)
	asOf := start.AddDate(0, 0, 7*week).Format(time.DateOnly)
	sc := &scorecard.Scorecard{
		Format:     scorecard.Format,
		Assessment: scorecard.Assessment{Name: name, Site: "Site " + name, AsOf: asOf, File: "assessment.hcl"},
		Engine:     scorecard.Engine{Name: "slate", Version: "test"},
		Totals: scorecard.Totals{Statuses: map[string]map[string]int{"iec62443-3-3": {}},
			OpenBySeverity: map[string]int{}, OpenByOwner: map[string]int{}},
	}
	for zi, zone := range []string{"control", "dmz", "field"} {
		z := scorecard.Zone{Name: zone, Kind: "ot", Owner: "OT", SLTarget: model.SLVector{2, 2, 2, 2, 2, 2, 2}}
		for fr := range 7 {
			achieved := (site + zi + fr + week/13) % 3
			st := scorecard.FRMet
			if achieved < 2 {
				st = scorecard.FRBelow
			}
			z.SLAchieved[fr], z.SLReachable[fr] = achieved, 2
			z.FRs = append(z.FRs, scorecard.FR{ID: fmt.Sprintf("FR%d", fr+1), Target: 2, Achieved: achieved, Reachable: 2, State: st})
		}
		sc.Zones = append(sc.Zones, z)
	}
	failing := (site%len(Requirements) + 1) - min(week/26, 1)
	for i, id := range Requirements {
		req := scorecard.Requirement{Framework: "iec62443-3-3", ID: id, Title: "Requirement " + id}
		for _, z := range sc.Zones {
			st := scorecard.StatusPass
			if i < failing {
				st = scorecard.StatusFail
			}
			sc.Totals.Statuses["iec62443-3-3"][st]++
			req.Zones = append(req.Zones, scorecard.ZoneStatus{Zone: z.Name, Status: st, Required: true})
		}
		sc.Requirements = append(sc.Requirements, req)
		if i < failing {
			sev := evidence.Severities[(site+i)%len(evidence.Severities)]
			owner := evidence.Owners[(i+1)%len(evidence.Owners)] // IT, OT, CISO in turn
			g := scorecard.Gap{ID: fmt.Sprintf("G-%d", i), Status: scorecard.GapOpen, Rule: fmt.Sprintf("SLATE-T-%d", i),
				Requirements: []string{"iec62443-3-3:" + id}, Zone: "control", Subject: fmt.Sprintf("asset:a%d", i),
				Severity: sev, Owner: owner}
			sc.Gaps = append(sc.Gaps, g)
			sc.Totals.OpenGaps++
			sc.Totals.OpenBySeverity[sev]++
			sc.Totals.OpenByOwner[owner]++
			score, f := scorecard.Score(sev, scorecard.Exposure{}, 2)
			sc.RootCauses = append(sc.RootCauses, scorecard.RootCause{ID: "RC-" + g.ID, Status: scorecard.GapOpen, Title: "Gap in " + id,
				Subject: g.Subject, Zones: []string{"control"}, Severity: sev, Owners: []string{owner}, Score: score, Factors: f,
				Gaps: []string{g.ID}, GapsOpen: 1})
		}
	}
	sc.Waivers = []scorecard.Waiver{{Name: "w1", Requirement: "iec62443-3-3:SR 7.8", Subject: "asset:a5", Status: scorecard.WaiverActive,
		Expires: start.AddDate(0, 6, 0).Format(time.DateOnly), ApprovedBy: "someone", Reason: "test"}}
	sc.Evidence = []scorecard.Evidence{{Document: "inventory", Kind: "assets", Date: start.Format(time.DateOnly), MaxAge: "90d",
		Stale: week >= 13, StaleReason: staleReason(week >= 13)}}
	if site%4 == 0 {
		sc.Advisories = []scorecard.AdvisoryMatch{{Subject: "asset:plc-1", Asset: "plc-1", Advisory: "ICSA-00-000-00",
			CVEs: []string{"CVE-2000-0001"}, KEV: []string{"CVE-2000-0001"}, Status: scorecard.AdvisoryFixAvailable, Confidence: "exact"}}
	}
	return sc
}

func staleReason(stale bool) string {
	if !stale {
		return ""
	}
	return scorecard.ReasonStale + ": inventory is older than max_age 90d"
}

// WriteRun writes sc into dir as a signed run: scorecard, bundle, sealed
// assessment and policies (small placeholders: the portfolio checks their
// digests, not their content), manifest and signatures. A nil signer
// leaves the run unsigned.
func WriteRun(dir string, sc *scorecard.Scorecard, signer signature.SignerVerifier) error {
	bundle := []byte(`{"synthetic":"` + sc.Assessment.Name + " " + sc.Assessment.AsOf + `"}`)
	sc.Digests.Bundle = evidence.DigestBytes(bundle)
	raw, err := sc.Encode()
	if err != nil {
		return err
	}
	files := map[string][]byte{
		attest.ScorecardFile: raw,
		attest.BundleFile:    bundle,
		sealedAssessment:     []byte("assessment " + sc.Assessment.Name),
		sealedPolicies:       []byte("policies"),
	}
	if files[attest.ManifestFile], err = attest.NewManifest(files); err != nil {
		return err
	}
	if signer != nil {
		signed, err := attest.SignFiles(dir, files, signer)
		if err != nil {
			return err
		}
		for n, b := range signed.Files {
			files[n] = b
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// KeyPair makes a key pair and writes the public key to dir/name.pub; it
// returns the signer and the public key's path.
func KeyPair(dir, name string) (signature.SignerVerifier, string, error) {
	priv, pub, err := attest.GenerateKeyPair([]byte("pw"))
	if err != nil {
		return nil, "", err
	}
	s, err := attest.LoadPrivateKey(priv, []byte("pw"))
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(dir, name+".pub")
	return s, path, os.WriteFile(path, pub, 0o644)
}
