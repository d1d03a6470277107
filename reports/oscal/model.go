package oscal

// The OSCAL 1.1.3 assessment-results subset slate writes. Field order
// follows the OSCAL model so the JSON reads like the specification.

// Document is the top-level JSON object.
type Document struct {
	AssessmentResults AssessmentResults `json:"assessment-results"`
}

// AssessmentResults is the assessment-results root.
type AssessmentResults struct {
	UUID     string   `json:"uuid"`
	Metadata Metadata `json:"metadata"`
	ImportAP ImportAP `json:"import-ap"`
	Results  []Result `json:"results"`
}

// Metadata is the document metadata.
type Metadata struct {
	Title        string `json:"title"`
	Published    string `json:"published"`
	LastModified string `json:"last-modified"`
	Version      string `json:"version"`
	OSCALVersion string `json:"oscal-version"`
	Props        []Prop `json:"props,omitempty"`
}

// ImportAP points at the assessment plan (slate's assessment file).
type ImportAP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

// Prop is an OSCAL property.
type Prop struct {
	Name    string `json:"name"`
	NS      string `json:"ns,omitempty"`
	Value   string `json:"value"`
	Remarks string `json:"remarks,omitempty"`
}

// Result is the one result of the assessment.
type Result struct {
	UUID             string           `json:"uuid"`
	Title            string           `json:"title"`
	Description      string           `json:"description"`
	Start            string           `json:"start"`
	End              string           `json:"end,omitempty"`
	Props            []Prop           `json:"props,omitempty"`
	ReviewedControls ReviewedControls `json:"reviewed-controls"`
	Observations     []Observation    `json:"observations,omitempty"`
	Risks            []Risk           `json:"risks,omitempty"`
	Findings         []Finding        `json:"findings,omitempty"`
	Remarks          string           `json:"remarks,omitempty"`
}

// ReviewedControls lists the controls assessed.
type ReviewedControls struct {
	Description       string             `json:"description,omitempty"`
	ControlSelections []ControlSelection `json:"control-selections"`
}

// ControlSelection is one selection of controls.
type ControlSelection struct {
	Description     string          `json:"description,omitempty"`
	Props           []Prop          `json:"props,omitempty"`
	IncludeControls []SelectControl `json:"include-controls,omitempty"`
}

// SelectControl selects one control by id.
type SelectControl struct {
	ControlID string `json:"control-id"`
}

// Observation is one evidence document.
type Observation struct {
	UUID        string `json:"uuid"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description"`
	Props       []Prop `json:"props,omitempty"`
	// Links point at what the observation is about beyond the evidence:
	// the CVE records of an advisory's match.
	Links   []Link   `json:"links,omitempty"`
	Methods []string `json:"methods"`
	// Types classify the observation ("finding" for a security
	// advisory's match with a component).
	Types            []string           `json:"types,omitempty"`
	RelevantEvidence []RelevantEvidence `json:"relevant-evidence,omitempty"`
	Collected        string             `json:"collected"`
	Remarks          string             `json:"remarks,omitempty"`
}

// Link is an OSCAL link: a reference with a relation and its text.
type Link struct {
	Href string `json:"href"`
	Rel  string `json:"rel,omitempty"`
	Text string `json:"text,omitempty"`
}

// RelevantEvidence is one evidence file.
type RelevantEvidence struct {
	Href        string `json:"href,omitempty"`
	Description string `json:"description"`
	Props       []Prop `json:"props,omitempty"`
}

// Risk is one gap.
type Risk struct {
	UUID                string             `json:"uuid"`
	Title               string             `json:"title"`
	Description         string             `json:"description"`
	Statement           string             `json:"statement"`
	Props               []Prop             `json:"props,omitempty"`
	Status              string             `json:"status"`
	MitigatingFactors   []MitigatingFactor `json:"mitigating-factors,omitempty"`
	Remediations        []Response         `json:"remediations,omitempty"`
	RiskLog             *RiskLog           `json:"risk-log,omitempty"`
	RelatedObservations []RelatedObs       `json:"related-observations,omitempty"`
}

// MitigatingFactor is a waiver's compensating control.
type MitigatingFactor struct {
	UUID        string `json:"uuid"`
	Description string `json:"description"`
}

// Response is the recommended remediation of a risk.
type Response struct {
	UUID        string `json:"uuid"`
	Lifecycle   string `json:"lifecycle"`
	Title       string `json:"title"`
	Description string `json:"description"`
}

// RiskLog records the waiver decision.
type RiskLog struct {
	Entries []RiskLogEntry `json:"entries"`
}

// RiskLogEntry is one waiver that covers the risk.
type RiskLogEntry struct {
	UUID         string `json:"uuid"`
	Title        string `json:"title,omitempty"`
	Description  string `json:"description,omitempty"`
	Start        string `json:"start"`
	End          string `json:"end,omitempty"`
	Props        []Prop `json:"props,omitempty"`
	StatusChange string `json:"status-change,omitempty"`
	Remarks      string `json:"remarks,omitempty"`
}

// RelatedObs references an observation.
type RelatedObs struct {
	ObservationUUID string `json:"observation-uuid"`
}

// RelatedRisk references a risk.
type RelatedRisk struct {
	RiskUUID string `json:"risk-uuid"`
}

// Finding is one requirement × zone.
type Finding struct {
	UUID                string        `json:"uuid"`
	Title               string        `json:"title"`
	Description         string        `json:"description"`
	Props               []Prop        `json:"props,omitempty"`
	Target              Target        `json:"target"`
	RelatedObservations []RelatedObs  `json:"related-observations,omitempty"`
	RelatedRisks        []RelatedRisk `json:"related-risks,omitempty"`
	Remarks             string        `json:"remarks,omitempty"`
}

// Target is the objective a finding judges.
type Target struct {
	Type     string       `json:"type"`
	TargetID string       `json:"target-id"`
	Title    string       `json:"title,omitempty"`
	Status   TargetStatus `json:"status"`
}

// TargetStatus is satisfied or not-satisfied, with a reason.
type TargetStatus struct {
	State   string `json:"state"`
	Reason  string `json:"reason,omitempty"`
	Remarks string `json:"remarks,omitempty"`
}

// PlanDocument is the top-level JSON object of the assessment plan.
type PlanDocument struct {
	AssessmentPlan AssessmentPlan `json:"assessment-plan"`
}

// AssessmentPlan is the assessment-plan root: the controls the run
// reviews and the checks (activities) that assess them.
type AssessmentPlan struct {
	UUID             string            `json:"uuid"`
	Metadata         Metadata          `json:"metadata"`
	ImportSSP        ImportSSP         `json:"import-ssp"`
	LocalDefinitions *LocalDefinitions `json:"local-definitions,omitempty"`
	ReviewedControls ReviewedControls  `json:"reviewed-controls"`
}

// ImportSSP points at the description of the system assessed: slate has
// no OSCAL system security plan, its assessment file describes the site.
type ImportSSP struct {
	Href    string `json:"href"`
	Remarks string `json:"remarks,omitempty"`
}

// LocalDefinitions hold the plan's activities.
type LocalDefinitions struct {
	Activities []Activity `json:"activities,omitempty"`
}

// Activity is one check: what it examines and the controls it assesses.
type Activity struct {
	UUID            string            `json:"uuid"`
	Title           string            `json:"title,omitempty"`
	Description     string            `json:"description"`
	Props           []Prop            `json:"props,omitempty"`
	RelatedControls *ReviewedControls `json:"related-controls,omitempty"`
	Remarks         string            `json:"remarks,omitempty"`
}
