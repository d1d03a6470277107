package assessment

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/slate-ot/slate/engine/model"
)

// The assessment's plain data lives in engine/model, which has no parser:
// the scorecard and the reports read it without pulling in HCL. These
// names keep the loader's API whole.

// Framework ids an assessment may select.
const (
	FrameworkIEC62443 = model.FrameworkIEC62443
	FrameworkNIST     = model.FrameworkNIST
)

// frameworkNIST82r3 is the id older assessment files used for FrameworkNIST.
const frameworkNIST82r3 = "nist-800-82r3"

// CanonicalFramework returns the framework id an id stands for, and whether
// id is a deprecated alias of it (model.CanonicalFramework).
func CanonicalFramework(id string) (string, bool) { return model.CanonicalFramework(id) }

// The blocks of an assessment file, as plain data (engine/model).
type (
	Framework         = model.Framework
	Zone              = model.Zone
	SLVector          = model.SLVector
	Conduit           = model.Conduit
	Source            = model.Source
	Waiver            = model.Waiver
	Countermeasure    = model.Countermeasure
	EvidenceFile      = model.EvidenceFile
	Outputs           = model.Outputs
	MaintenanceWindow = model.MaintenanceWindow
)

// Assessment is a loaded and checked assessment file: its plain data
// (model.Assessment, what later stages read) with what only the loader
// and the CLI need: check overrides with their places, warnings and the
// parsed files for diagnostics.
type Assessment struct {
	model.Assessment
	// Checks override built-in or custom checks for this assessment, by id.
	Checks []CheckOverride `json:"-"`
	// Warnings are problems that did not stop the load, in file order, for
	// the CLI to print; those that depend on the assessment date are left
	// to DateWarnings.
	Warnings hcl.Diagnostics `json:"-"`
	// collected and expiries are the dates DateWarnings checks.
	collected []sourceDate
	expiries  []elemString
	// files are the parsed files, for diagnostics found after loading.
	files map[string]*hcl.File
}

// DiagError wraps diagnostics found after loading (against the policies,
// say) so that they print with the file's source lines like load errors.
func (a *Assessment) DiagError(diags hcl.Diagnostics) *DiagError {
	files := a.files
	if files == nil {
		files = map[string]*hcl.File{}
	}
	return &DiagError{Diags: diags, Files: files}
}

// CheckOverride is one `check "ID"` block: a check switched off, or its
// mapping narrowed, for this assessment only.
type CheckOverride struct {
	ID string
	// Enabled is false when the check is switched off.
	Enabled bool
	// Requirements, when not nil, narrow the check's requirements to these
	// (a subset of its METADATA list), sorted.
	Requirements []string
	Reason       string
	ApprovedBy   string
	// Range is where the block is, for errors found once the policies are
	// known (an id no check has, a requirement the check does not list).
	Range hcl.Range
}
