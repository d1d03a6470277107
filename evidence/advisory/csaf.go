package advisory

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/slate-ot/slate/evidence/advisory/vers"
)

// ErrNotCSAF is returned by ParseCSAF for JSON that is not a CSAF document.
var ErrNotCSAF = errors.New("not a CSAF document (no document.csaf_version)")

// csafDoc is the part of a CSAF 2.0 document this package reads.
type csafDoc struct {
	Document struct {
		CSAFVersion string `json:"csaf_version"`
		Category    string `json:"category"`
		Title       string `json:"title"`
		Publisher   struct {
			Name string `json:"name"`
		} `json:"publisher"`
		Tracking struct {
			ID                 string `json:"id"`
			Version            string `json:"version"`
			Status             string `json:"status"`
			InitialReleaseDate string `json:"initial_release_date"`
			CurrentReleaseDate string `json:"current_release_date"`
			RevisionHistory    []struct {
				Number  string `json:"number"`
				Date    string `json:"date"`
				Summary string `json:"summary"`
			} `json:"revision_history"`
		} `json:"tracking"`
	} `json:"document"`
	ProductTree struct {
		Branches         []branch      `json:"branches"`
		FullProductNames []fullProduct `json:"full_product_names"`
		Relationships    []struct {
			FullProductName fullProduct `json:"full_product_name"`
		} `json:"relationships"`
	} `json:"product_tree"`
	Vulnerabilities []struct {
		CVE string `json:"cve"`
		IDs []struct {
			SystemName string `json:"system_name"`
			Text       string `json:"text"`
		} `json:"ids"`
		Title string `json:"title"`
		CWE   *struct {
			ID string `json:"id"`
		} `json:"cwe"`
		ProductStatus Status `json:"product_status"`
		Scores        []struct {
			CVSSv2   *cvss    `json:"cvss_v2"`
			CVSSv3   *cvss    `json:"cvss_v3"`
			CVSSv4   *cvss    `json:"cvss_v4"`
			Products []string `json:"products"`
		} `json:"scores"`
		Remediations []struct {
			Category   string   `json:"category"`
			Details    string   `json:"details"`
			URL        string   `json:"url"`
			ProductIDs []string `json:"product_ids"`
		} `json:"remediations"`
	} `json:"vulnerabilities"`
}

type cvss struct {
	Version      string  `json:"version"`
	BaseScore    float64 `json:"baseScore"`
	VectorString string  `json:"vectorString"`
}

type branch struct {
	Category string       `json:"category"`
	Name     string       `json:"name"`
	Product  *fullProduct `json:"product"`
	Branches []branch     `json:"branches"`
}

type fullProduct struct {
	Name      string `json:"name"`
	ProductID string `json:"product_id"`
	IDHelper  *struct {
		CPE          string   `json:"cpe"`
		PURL         string   `json:"purl"`
		PURLs        []string `json:"purls"`
		ModelNumbers []string `json:"model_numbers"`
		SKUs         []string `json:"skus"`
		SerialNums   []string `json:"serial_numbers"`
	} `json:"product_identification_helper"`
}

// ParseCSAF reads one CSAF 2.0 document. It does not check the document
// against the CSAF schema (the collector does); it reads what it needs and
// returns ErrNotCSAF for JSON without document.csaf_version.
func ParseCSAF(data []byte) (Advisory, error) {
	var d csafDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d); err != nil {
		return Advisory{}, err
	}
	if d.Document.CSAFVersion == "" {
		return Advisory{}, ErrNotCSAF
	}
	t := d.Document.Tracking
	a := Advisory{
		ID: strings.TrimSpace(t.ID), Title: d.Document.Title, Category: d.Document.Category,
		Publisher: d.Document.Publisher.Name, Version: t.Version, Status: t.Status,
		InitialRelease: t.InitialReleaseDate, CurrentRelease: t.CurrentReleaseDate,
		Revisions: []Revision{}, Products: []Product{}, Vulnerabilities: []Vulnerability{},
	}
	for _, r := range t.RevisionHistory {
		a.Revisions = append(a.Revisions, Revision{Number: r.Number, Date: r.Date, Summary: r.Summary})
	}
	var walk func(bs []branch, p Product)
	walk = func(bs []branch, p Product) {
		for _, b := range bs {
			q := p
			switch b.Category {
			case "vendor":
				q.Vendor = b.Name
			case "product_family":
				q.Family = joinName(q.Family, b.Name)
			case "product_name":
				q.ProductName = b.Name
			case "product_version":
				q.Version = b.Name
				r := vers.Parse(b.Name, true)
				q.Range = &r
			case "product_version_range":
				q.Version = b.Name
				r := vers.Parse(b.Name, false)
				q.Range = &r
			}
			if b.Product != nil {
				a.Products = append(a.Products, withIdentity(q, *b.Product))
			}
			walk(b.Branches, q)
		}
	}
	walk(d.ProductTree.Branches, Product{})
	for _, fp := range d.ProductTree.FullProductNames {
		a.Products = append(a.Products, withIdentity(Product{}, fp))
	}
	for _, rel := range d.ProductTree.Relationships {
		if rel.FullProductName.ProductID != "" {
			a.Products = append(a.Products, withIdentity(Product{}, rel.FullProductName))
		}
	}
	slices.SortStableFunc(a.Products, func(x, y Product) int { return cmp.Compare(x.ID, y.ID) })
	for _, v := range d.Vulnerabilities {
		out := Vulnerability{CVE: v.CVE, Title: v.Title, Status: v.ProductStatus}
		for _, id := range v.IDs {
			out.IDs = append(out.IDs, id.SystemName+": "+id.Text)
		}
		if v.CWE != nil {
			out.CWE = v.CWE.ID
		}
		for _, s := range v.Scores {
			for _, c := range []*cvss{s.CVSSv4, s.CVSSv3, s.CVSSv2} {
				if c != nil {
					out.Scores = append(out.Scores, Score{Version: c.Version, Base: c.BaseScore, Vector: c.VectorString, Products: nonNil(s.Products)})
				}
			}
		}
		for _, r := range v.Remediations {
			rem := Remediation{Category: r.Category, Details: r.Details, URL: r.URL, Products: nonNil(r.ProductIDs)}
			if r.Category == "vendor_fix" {
				rem.FixedVersion = FixedVersion(r.Details)
			}
			out.Remediations = append(out.Remediations, rem)
		}
		a.Vulnerabilities = append(a.Vulnerabilities, out)
	}
	return a, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func joinName(a, b string) string {
	if a == "" {
		return b
	}
	return a + " / " + b
}

// withIdentity is p with the name, id and identification helper of fp.
func withIdentity(p Product, fp fullProduct) Product {
	p.ID, p.Name = fp.ProductID, fp.Name
	if h := fp.IDHelper; h != nil {
		p.CPE, p.ModelNumbers, p.SKUs, p.SerialNums = h.CPE, h.ModelNumbers, h.SKUs, h.SerialNums
		p.PURLs = h.PURLs
		if h.PURL != "" {
			p.PURLs = append([]string{h.PURL}, p.PURLs...)
		}
	}
	return p
}

// fixedVersionRe finds the version a vendor fix names: "Update to V5.2.6
// or later version", "upgrade to firmware version 2.07.2", "fixed in
// 3.4.1", "Version 8.2 includes a fix".
var fixedVersionRe = regexp.MustCompile(`(?i)(?:update|upgrade|fixed in|fix(?:ed)? (?:is )?(?:available )?in|version)\s+(?:to\s+)?(?:the\s+)?(?:firmware\s+)?(?:version\s+)?((?:v|r|sv|rev\.?\s?)?\d+(?:[._-]\d+)*[a-z]?)`)

// FixedVersion returns the version a remediation text names as fixed, ""
// when it names none.
func FixedVersion(details string) string {
	m := fixedVersionRe.FindStringSubmatch(details)
	if m == nil {
		return ""
	}
	return m[1]
}

// Describe names an advisory for messages: "ICSA-22-195-01 (file)".
func (a Advisory) Describe() string { return fmt.Sprintf("%s (%s)", a.ID, a.File) }
