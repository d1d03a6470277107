package junit

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/slate-ot/slate/engine/scorecard"
)

// FileName is the name the report is written under.
const FileName = "junit.xml"

// Suites is the <testsuites> root element. It carries no skipped count:
// the Jenkins JUnit schema (junit-10.xsd) allows skipped on <testsuite>
// only, where each suite keeps its own.
type Suites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []Suite  `xml:"testsuite"`
}

// Suite is one framework.
type Suite struct {
	Name       string     `xml:"name,attr"`
	ID         int        `xml:"id,attr"`
	Package    string     `xml:"package,attr"`
	Hostname   string     `xml:"hostname,attr"`
	Timestamp  string     `xml:"timestamp,attr"`
	Tests      int        `xml:"tests,attr"`
	Failures   int        `xml:"failures,attr"`
	Errors     int        `xml:"errors,attr"`
	Skipped    int        `xml:"skipped,attr"`
	Time       string     `xml:"time,attr"`
	Properties []Property `xml:"properties>property"`
	Cases      []Case     `xml:"testcase"`
}

// Property is a name/value pair of a suite.
type Property struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// Case is one requirement × zone.
type Case struct {
	Name      string   `xml:"name,attr"`
	Classname string   `xml:"classname,attr"`
	Time      string   `xml:"time,attr"`
	Failure   *Message `xml:"failure"`
	Skipped   *Message `xml:"skipped"`
	SystemOut string   `xml:"system-out,omitempty"`
}

// Message is the content of a <failure> or <skipped>.
type Message struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// extraProperties are the run's treatments and observation windows:
// every check override, every countermeasure's state, every capture's
// window.
func extraProperties(sc *scorecard.Scorecard) []Property {
	var out []Property
	for _, o := range sc.Overrides {
		out = append(out, Property{"override." + o.Rule, o.Change() + ": " + o.Reason + " (approved by " + o.ApprovedBy + ")"})
	}
	for _, c := range sc.Countermeasures {
		out = append(out, Property{"countermeasure." + c.Name, strings.TrimSuffix(c.Status+": "+c.Reason, ": ")})
	}
	for _, e := range sc.Evidence {
		if w := e.Observed(); w != "" {
			out = append(out, Property{"evidence." + e.Document + ".observed", w})
		}
	}
	return out
}

// Build turns sc into the JUnit document.
func Build(sc *scorecard.Scorecard) Suites {
	gaps := make(map[string]scorecard.Gap, len(sc.Gaps))
	for _, g := range sc.Gaps {
		gaps[g.ID] = g
	}
	root := Suites{Name: "slate " + sc.Assessment.Name}
	index := map[string]int{}
	for _, r := range sc.Requirements {
		i, ok := index[r.Framework]
		if !ok {
			i = len(root.Suites)
			index[r.Framework] = i
			root.Suites = append(root.Suites, Suite{
				Name: r.Framework, ID: i, Package: r.Framework,
				Hostname: sc.Assessment.Site, Timestamp: sc.Assessment.AsOf + "T00:00:00", Time: "0",
				Properties: []Property{
					{"as_of", sc.Assessment.AsOf},
					{"digest.assessment", sc.Digests.Assessment},
					{"digest.bundle", sc.Digests.Bundle},
					{"digest.policies", sc.Digests.Policies},
					{"coverage.automated", fmt.Sprint(sc.Totals.Coverage[r.Framework][scorecard.CoverageAutomated])},
					{"coverage.partial", fmt.Sprint(sc.Totals.Coverage[r.Framework][scorecard.CoveragePartial])},
					{"coverage.manual", fmt.Sprint(sc.Totals.Coverage[r.Framework][scorecard.CoverageManual])},
				},
			})
			root.Suites[i].Properties = append(root.Suites[i].Properties, extraProperties(sc)...)
		}
		s := &root.Suites[i]
		for _, z := range r.Zones {
			c := testcase(r, z, gaps)
			s.Tests++
			if c.Failure != nil {
				s.Failures++
			}
			if c.Skipped != nil {
				s.Skipped++
			}
			s.Cases = append(s.Cases, c)
		}
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
	}
	return root
}

func testcase(r scorecard.Requirement, z scorecard.ZoneStatus, gaps map[string]scorecard.Gap) Case {
	c := Case{Name: fmt.Sprintf("%s [%s]", r.ID, z.Zone), Classname: r.Framework, Time: "0"}
	var cellGaps []scorecard.Gap
	for _, id := range z.Gaps {
		if g, ok := gaps[id]; ok {
			cellGaps = append(cellGaps, g)
		}
	}
	switch z.Status {
	case scorecard.StatusFail:
		var msgs []string
		var body strings.Builder
		for _, g := range cellGaps {
			if g.Status != scorecard.GapOpen {
				continue
			}
			msgs = append(msgs, g.Message)
			fmt.Fprintf(&body, "[%s] %s (%s, owner %s, %s)\n", g.Severity, g.Message, g.Rule, g.Owner, g.ID)
			fmt.Fprintf(&body, "  remediation: %s\n", g.Remediation)
			for _, e := range g.Evidence {
				fmt.Fprintf(&body, "  evidence: %s\n", ref(e.Document, e.File, e.Line))
			}
		}
		if len(msgs) == 0 {
			msgs = append(msgs, z.Reason)
		}
		c.Failure = &Message{Message: strings.Join(msgs, "; "), Type: "fail", Body: body.String()}
	case scorecard.StatusPass:
		if r.Coverage != "" {
			c.SystemOut = strings.TrimSuffix(r.Coverage+": "+z.Reason, ": ")
		}
	case scorecard.StatusCompensated:
		c.SystemOut = "compensated: " + z.Reason
	case scorecard.StatusWaived:
		var lines []string
		for _, g := range cellGaps {
			if len(g.Waivers) > 0 {
				lines = append(lines, fmt.Sprintf("waived by %s: %s", strings.Join(g.Waivers, ", "), g.Message))
			}
		}
		if len(lines) == 0 {
			lines = append(lines, "waived: "+z.Reason)
		}
		c.SystemOut = strings.Join(lines, "\n")
	default: // not_assessed, manual, not_applicable and anything unknown: never a pass
		reason := z.Reason
		if reason == "" {
			reason = z.Status
		}
		c.Skipped = &Message{Message: z.Status + ": " + reason}
	}
	return c
}

func ref(doc, file string, line int) string {
	switch {
	case file != "" && line > 0:
		return fmt.Sprintf("%s:%d (%s)", file, line, doc)
	case file != "":
		return fmt.Sprintf("%s (%s)", file, doc)
	}
	return doc
}

// Write writes sc as JUnit XML to w.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(Build(sc)); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
