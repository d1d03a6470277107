package aggregate

import (
	"fmt"

	json "github.com/goccy/go-json"

	"github.com/slate-ot/slate/engine/model"
	"github.com/slate-ot/slate/engine/scorecard"
)

// card is the part of a scorecard.json the portfolio reads: what reduce
// and scorecard.PointOf use, and nothing else. Decoding it skips the
// rules, policies, history, countermeasures and most of each requirement
// and gap, which make up most of a real scorecard. TestCardDecode pins it
// to scorecard.Decode: both give the same reduced run.
type card struct {
	Format     string               `json:"format"`
	Assessment scorecard.Assessment `json:"assessment"`
	Totals     struct {
		Statuses       map[string]map[string]int `json:"statuses"`
		OpenGaps       int                       `json:"open_gaps"`
		OpenBySeverity map[string]int            `json:"open_by_severity"`
		OpenByOwner    map[string]int            `json:"open_by_owner"`
	} `json:"totals"`
	Zones []struct {
		Name       string         `json:"name"`
		Kind       string         `json:"kind"`
		SLTarget   model.SLVector `json:"sl_target"`
		SLAchieved model.SLVector `json:"sl_achieved"`
		FRs        []scorecard.FR `json:"frs"`
	} `json:"zones"`
	Requirements []struct {
		Framework string `json:"framework"`
		ID        string `json:"id"`
		Title     string `json:"title"`
		Zones     []struct {
			Status string `json:"status"`
		} `json:"zones"`
	} `json:"requirements"`
	Gaps []struct {
		Status   string `json:"status"`
		Severity string `json:"severity"`
		Owner    string `json:"owner"`
	} `json:"gaps"`
	Waivers  []scorecard.Waiver `json:"waivers"`
	Evidence []struct {
		Document    string `json:"document"`
		Kind        string `json:"kind"`
		Date        string `json:"date"`
		MaxAge      string `json:"max_age"`
		Stale       bool   `json:"stale"`
		StaleReason string `json:"stale_reason"`
	} `json:"evidence"`
	RootCauses []struct {
		Status   string   `json:"status"`
		Title    string   `json:"title"`
		Subject  string   `json:"subject"`
		Zones    []string `json:"zones"`
		Severity string   `json:"severity"`
		Owners   []string `json:"owners"`
		Score    int      `json:"score"`
	} `json:"root_causes"`
	Advisories []struct {
		Subject string   `json:"subject"`
		Asset   string   `json:"asset"`
		KEV     []string `json:"kev"`
		Status  string   `json:"status"`
	} `json:"advisories"`
}

// decodeCard reads the portfolio's part of the scorecard raw (named name
// in errors) into a scorecard.Scorecard holding only that part.
//
// It decodes with github.com/goccy/go-json (already built into slate for
// OPA), three to four times faster than encoding/json on a real scorecard
// of a few hundred kilobytes: at 10,400 runs that is most of the decoding
// time. TestCardDecode pins its result to encoding/json's on the example
// scorecards. The file is read before it is verified, so a panic of the
// decoder on malformed input is caught and returned as an error.
func decodeCard(name string, raw []byte) (sc *scorecard.Scorecard, err error) {
	defer func() {
		if p := recover(); p != nil {
			sc, err = nil, fmt.Errorf("%s: not a scorecard: %v", name, p)
		}
	}()
	var c card
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if c.Format != scorecard.Format {
		return nil, fmt.Errorf("%s: format %q is not %q", name, c.Format, scorecard.Format)
	}
	sc = &scorecard.Scorecard{Format: c.Format, Assessment: c.Assessment, Waivers: c.Waivers,
		Totals: scorecard.Totals{Statuses: c.Totals.Statuses, OpenGaps: c.Totals.OpenGaps,
			OpenBySeverity: c.Totals.OpenBySeverity, OpenByOwner: c.Totals.OpenByOwner}}
	for _, z := range c.Zones {
		sc.Zones = append(sc.Zones, scorecard.Zone{Name: z.Name, Kind: z.Kind, SLTarget: z.SLTarget, SLAchieved: z.SLAchieved, FRs: z.FRs})
	}
	for _, r := range c.Requirements {
		req := scorecard.Requirement{Framework: r.Framework, ID: r.ID, Title: r.Title}
		for _, z := range r.Zones {
			req.Zones = append(req.Zones, scorecard.ZoneStatus{Status: z.Status})
		}
		sc.Requirements = append(sc.Requirements, req)
	}
	for _, g := range c.Gaps {
		sc.Gaps = append(sc.Gaps, scorecard.Gap{Status: g.Status, Severity: g.Severity, Owner: g.Owner})
	}
	for _, e := range c.Evidence {
		sc.Evidence = append(sc.Evidence, scorecard.Evidence{Document: e.Document, Kind: e.Kind, Date: e.Date,
			MaxAge: e.MaxAge, Stale: e.Stale, StaleReason: e.StaleReason})
	}
	for _, rc := range c.RootCauses {
		sc.RootCauses = append(sc.RootCauses, scorecard.RootCause{Status: rc.Status, Title: rc.Title, Subject: rc.Subject,
			Zones: rc.Zones, Severity: rc.Severity, Owners: rc.Owners, Score: rc.Score})
	}
	for _, m := range c.Advisories {
		sc.Advisories = append(sc.Advisories, scorecard.AdvisoryMatch{Subject: m.Subject, Asset: m.Asset, KEV: m.KEV, Status: m.Status})
	}
	return sc, nil
}
