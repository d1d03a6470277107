package junit

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// gapIndex maps each gap id of sc to its place in sc.Gaps.
func gapIndex(sc *scorecard.Scorecard) map[string]int {
	index := make(map[string]int, len(sc.Gaps))
	for i, g := range sc.Gaps {
		index[g.ID] = i
	}
	return index
}

// suite is the suite of a framework, without its cases.
func suite(sc *scorecard.Scorecard, framework string, id int) Suite {
	s := Suite{
		Name: framework, ID: id, Package: framework,
		Hostname: sc.Assessment.Site, Timestamp: sc.Assessment.AsOf + "T00:00:00", Time: "0",
		Properties: []Property{
			{"as_of", sc.Assessment.AsOf},
			{"digest.assessment", sc.Digests.Assessment},
			{"digest.bundle", sc.Digests.Bundle},
			{"digest.policies", sc.Digests.Policies},
			{"coverage.automated", fmt.Sprint(sc.Totals.Coverage[framework][scorecard.CoverageAutomated])},
			{"coverage.partial", fmt.Sprint(sc.Totals.Coverage[framework][scorecard.CoveragePartial])},
			{"coverage.manual", fmt.Sprint(sc.Totals.Coverage[framework][scorecard.CoverageManual])},
		},
	}
	s.Properties = append(s.Properties, extraProperties(sc)...)
	return s
}

// suites are the suites of sc with their counts, one per framework in
// the order the requirements name them, without their cases, and the
// suite of each requirement.
func suites(sc *scorecard.Scorecard) (Suites, []int) {
	root := Suites{Name: "slate " + sc.Assessment.Name}
	index := map[string]int{}
	of := make([]int, len(sc.Requirements))
	for k, r := range sc.Requirements {
		i, ok := index[r.Framework]
		if !ok {
			i = len(root.Suites)
			index[r.Framework] = i
			root.Suites = append(root.Suites, suite(sc, r.Framework, i))
		}
		of[k] = i
		s := &root.Suites[i]
		for _, z := range r.Zones {
			s.Tests++
			switch caseKind(z.Status) {
			case kindFailure:
				s.Failures++
			case kindSkipped:
				s.Skipped++
			}
		}
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
	}
	return root, of
}

// The kinds of test case: passed (with what to say in system-out),
// failed and skipped.
const (
	kindPassed = iota
	kindFailure
	kindSkipped
)

func caseKind(status string) int {
	switch status {
	case scorecard.StatusFail:
		return kindFailure
	case scorecard.StatusPass, scorecard.StatusCompensated, scorecard.StatusWaived:
		return kindPassed
	}
	return kindSkipped // not_assessed, manual, not_applicable and anything unknown: never a pass
}

// Build turns sc into the JUnit document. Write writes the same document
// a test case, and a failing case a gap, at a time.
func Build(sc *scorecard.Scorecard) Suites {
	gaps := gapIndex(sc)
	root, of := suites(sc)
	for k, r := range sc.Requirements {
		s := &root.Suites[of[k]]
		for _, z := range r.Zones {
			s.Cases = append(s.Cases, wholeCase(sc, r, z, gaps))
		}
	}
	return root
}

// wholeCase is testcase with the failure's body.
func wholeCase(sc *scorecard.Scorecard, r scorecard.Requirement, z scorecard.ZoneStatus, gaps map[string]int) Case {
	c := testcase(sc, r, z, gaps)
	if c.Failure != nil {
		var body strings.Builder
		failureBody(sc, z, gaps, func(line string) { body.WriteString(line) })
		c.Failure.Body = body.String()
	}
	return c
}

// cellGaps calls yield with each gap of the cell z that sc holds.
func cellGaps(sc *scorecard.Scorecard, z scorecard.ZoneStatus, gaps map[string]int, yield func(*scorecard.Gap)) {
	for _, id := range z.Gaps {
		if i, ok := gaps[id]; ok {
			yield(&sc.Gaps[i])
		}
	}
}

// testcase is the case of the requirement r in the zone z; a failure's
// body, the open gaps of the cell, is left to failureBody.
func testcase(sc *scorecard.Scorecard, r scorecard.Requirement, z scorecard.ZoneStatus, gaps map[string]int) Case {
	c := Case{Name: fmt.Sprintf("%s [%s]", r.ID, z.Zone), Classname: r.Framework, Time: "0"}
	switch z.Status {
	case scorecard.StatusFail:
		var msgs []string
		cellGaps(sc, z, gaps, func(g *scorecard.Gap) {
			if g.Status == scorecard.GapOpen {
				msgs = append(msgs, g.Message)
			}
		})
		if len(msgs) == 0 {
			msgs = append(msgs, z.Reason)
		}
		c.Failure = &Message{Message: strings.Join(msgs, "; "), Type: "fail"}
	case scorecard.StatusPass:
		if r.Coverage != "" {
			c.SystemOut = strings.TrimSuffix(r.Coverage+": "+z.Reason, ": ")
		}
	case scorecard.StatusCompensated:
		c.SystemOut = "compensated: " + z.Reason
	case scorecard.StatusWaived:
		var lines []string
		cellGaps(sc, z, gaps, func(g *scorecard.Gap) {
			if len(g.Waivers) > 0 {
				lines = append(lines, fmt.Sprintf("waived by %s: %s", strings.Join(g.Waivers, ", "), g.Message))
			}
		})
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

// failureBody hands the body of a failing cell's failure to yield a gap
// at a time: each open gap with its remediation and evidence.
func failureBody(sc *scorecard.Scorecard, z scorecard.ZoneStatus, gaps map[string]int, yield func(string)) {
	var body strings.Builder
	cellGaps(sc, z, gaps, func(g *scorecard.Gap) {
		if g.Status != scorecard.GapOpen {
			return
		}
		body.Reset()
		fmt.Fprintf(&body, "[%s] %s (%s, owner %s, %s)\n", g.Severity, g.Message, g.Rule, g.Owner, g.ID)
		fmt.Fprintf(&body, "  remediation: %s\n", g.Remediation)
		for _, e := range g.Evidence {
			fmt.Fprintf(&body, "  evidence: %s\n", ref(e.Document, e.File, e.Line))
		}
		yield(body.String())
	})
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

// Write writes sc as JUnit XML to w: the bytes encoding/xml gives for
// Build(sc), indented, written a test case at a time and a failing case's
// body a gap at a time, so that a scorecard of a million gaps is written
// without its document in memory.
func Write(w io.Writer, sc *scorecard.Scorecard) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := write(bw, sc); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	return bw.Flush()
}

func write(bw *bufio.Writer, sc *scorecard.Scorecard) error {
	if _, err := bw.WriteString(xml.Header); err != nil {
		return err
	}
	gaps := gapIndex(sc)
	root, of := suites(sc)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	start := func(name string, attrs ...string) error {
		el := xml.StartElement{Name: xml.Name{Local: name}}
		for i := 0; i+1 < len(attrs); i += 2 {
			el.Attr = append(el.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
		return enc.EncodeToken(el)
	}
	end := func(name string) error { return enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}}) }
	itoa := strconv.Itoa
	if err := start("testsuites", "name", root.Name, "tests", itoa(root.Tests), "failures", itoa(root.Failures), "errors", itoa(root.Errors)); err != nil {
		return err
	}
	for i, s := range root.Suites {
		err := errors.Join(
			start("testsuite", "name", s.Name, "id", itoa(s.ID), "package", s.Package, "hostname", s.Hostname, "timestamp", s.Timestamp,
				"tests", itoa(s.Tests), "failures", itoa(s.Failures), "errors", itoa(s.Errors), "skipped", itoa(s.Skipped), "time", s.Time),
			enc.EncodeElement(struct {
				Property []Property `xml:"property"`
			}{s.Properties}, xml.StartElement{Name: xml.Name{Local: "properties"}}))
		if err != nil {
			return err
		}
		for k, r := range sc.Requirements {
			if of[k] != i {
				continue
			}
			for _, z := range r.Zones {
				c := testcase(sc, r, z, gaps)
				if c.Failure == nil {
					if err := enc.EncodeElement(c, xml.StartElement{Name: xml.Name{Local: "testcase"}}); err != nil {
						return err
					}
					continue
				}
				// The body is escaped as encoding/xml escapes a chardata
				// field, newlines included, straight into the output
				// between the tokens the encoder writes.
				err := errors.Join(
					start("testcase", "name", c.Name, "classname", c.Classname, "time", c.Time),
					start("failure", "message", c.Failure.Message, "type", c.Failure.Type),
					enc.Flush())
				if err != nil {
					return err
				}
				failureBody(sc, z, gaps, func(line string) {
					if err == nil {
						err = xml.EscapeText(bw, []byte(line))
					}
				})
				if err := errors.Join(err, end("failure"), end("testcase")); err != nil {
					return err
				}
			}
		}
		if err := end("testsuite"); err != nil {
			return err
		}
	}
	if err := errors.Join(end("testsuites"), enc.Flush()); err != nil {
		return err
	}
	_, err := bw.WriteString("\n")
	return err
}
