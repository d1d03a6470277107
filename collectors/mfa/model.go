package mfa

// Data is the document data: what policies see as
// input.evidence.mfa[_].data. doc.go describes every field.
type Data struct {
	// Users are sorted by ID.
	Users []User `json:"users"`
	// Policies are sorted by source, file and ID.
	Policies []Policy `json:"policies"`
	// Methods are the tenant's authentication-method settings, by name.
	Methods []Method `json:"methods"`
	// Summary holds the facts about the identity provider as a whole.
	Summary Summary `json:"summary"`
	// OTMapping is the option values that say who reaches OT.
	OTMapping OTMapping `json:"ot_mapping"`
	// Files say how each input was read, sorted by path.
	Files []InputFile `json:"files"`
	// SecretColumns are CSV headers whose values were dropped.
	SecretColumns []string `json:"secret_columns"`
}

// User is one identity, merged across the files of the source.
type User struct {
	ID             string   `json:"id"`
	Name           string   `json:"name,omitempty"`
	UPN            string   `json:"upn,omitempty"`
	Description    string   `json:"description,omitempty"`
	Provider       string   `json:"provider"`
	Enabled        *bool    `json:"enabled,omitempty"`
	Guest          bool     `json:"guest"`
	Privileged     bool     `json:"privileged"`
	Roles          []string `json:"roles"`
	Groups         []string `json:"groups"`
	RemoteAccess   []string `json:"remote_access"`
	OTAccess       string   `json:"ot_access"`
	OTAccessVia    []string `json:"ot_access_via"`
	OTZones        []string `json:"ot_zones"`
	Shared         bool     `json:"shared"`
	SharedReason   string   `json:"shared_reason,omitempty"`
	MFARegistered  *bool    `json:"mfa_registered,omitempty"`
	Methods        []string `json:"methods"`
	Strength       string   `json:"strength"`
	WeakMethods    bool     `json:"weak_methods"`
	MFAEnforced    bool     `json:"mfa_enforced"`
	Enforcement    string   `json:"enforcement"`
	EnforcedBy     []string `json:"enforced_by"`
	ReportOnlyBy   []string `json:"report_only_by"`
	ExcludedBy     []string `json:"excluded_by"`
	UnresolvedBy   []string `json:"unresolved_by"`
	WeakestAllowed string   `json:"weakest_allowed,omitempty"`
	LastSignIn     string   `json:"last_sign_in,omitempty"`
	File           string   `json:"file"`
	Line           int      `json:"line,omitempty"`
	Files          []string `json:"files"`

	csvEnforced *bool
	csvOT       *bool
	// groupsKnown: the export gives the user's group membership, even if empty.
	groupsKnown bool
}

// Policy is a conditional-access policy or an Okta policy or rule.
type Policy struct {
	ID                  string   `json:"id"`
	Name                string   `json:"name"`
	Provider            string   `json:"provider"`
	Type                string   `json:"type"`
	State               string   `json:"state"`
	Enforcing           bool     `json:"enforcing"`
	RequiresMFA         bool     `json:"requires_mfa"`
	AuthStrength        string   `json:"auth_strength,omitempty"`
	MFAAlternatives     []string `json:"mfa_alternatives,omitempty"`
	StrengthClass       string   `json:"strength_class,omitempty"`
	Blocks              bool     `json:"blocks"`
	BlocksLegacy        bool     `json:"blocks_legacy"`
	AllUsers            bool     `json:"all_users"`
	AllApps             bool     `json:"all_apps"`
	IncludeUsers        []string `json:"include_users"`
	ExcludeUsers        []string `json:"exclude_users"`
	IncludeGroups       []string `json:"include_groups"`
	ExcludeGroups       []string `json:"exclude_groups"`
	IncludeRoles        []string `json:"include_roles"`
	ExcludeRoles        []string `json:"exclude_roles"`
	Applications        []string `json:"applications"`
	ExcludeApplications []string `json:"exclude_applications"`
	ClientAppTypes      []string `json:"client_app_types"`
	Locations           []string `json:"locations"`
	ExcludeLocations    []string `json:"exclude_locations"`
	Conditions          []string `json:"conditions"`
	Gaps                []string `json:"gaps"`
	File                string   `json:"file"`
}

// Method is one authentication method as the tenant configures it.
type Method struct {
	Name     string   `json:"name"`
	Provider string   `json:"provider"`
	Enabled  bool     `json:"enabled"`
	Class    string   `json:"class"`
	Targets  []string `json:"targets"`
	File     string   `json:"file"`
}

// Summary is what the source says about the identity provider as a whole.
type Summary struct {
	Providers             []string `json:"providers"`
	PoliciesKnown         bool     `json:"policies_known"`
	LegacyAuth            string   `json:"legacy_auth"`
	LegacyBlockedBy       []string `json:"legacy_blocked_by"`
	MFAPolicies           []string `json:"mfa_policies"`
	EnforcingMFAPolicies  []string `json:"enforcing_mfa_policies"`
	ReportOnlyMFAPolicies []string `json:"report_only_mfa_policies"`
	WeakMethodsEnabled    []string `json:"weak_methods_enabled"`
	UnresolvedUsers       int      `json:"unresolved_users"`
	Notes                 []string `json:"notes"`
}

// OTMapping echoes the options that tie identities to OT.
type OTMapping struct {
	Configured       bool                `json:"configured"`
	Groups           []string            `json:"groups"`
	GroupZones       map[string][]string `json:"group_zones"`
	RemoteAccessApps []string            `json:"remote_access_apps"`
	PrivilegedRoles  []string            `json:"privileged_roles"`
}

// InputFile says how one input file was read.
type InputFile struct {
	Path    string `json:"path"`
	Format  string `json:"format"`
	Content string `json:"content"`
	// Encoding is "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or, for a
	// CSV export only, "windows-1252" (text that is not UTF-8 and holds no
	// control bytes, read with a warning).
	Encoding string `json:"encoding"`
	Records  int    `json:"records"`
}
