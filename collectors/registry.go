package collectors

import (
	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/mfa"
)

// table lists every evidence kind, sorted by kind. Adding a collector means
// adding one line here.
var table = []Spec{
	{
		Kind:    assets.Kind,
		Summary: "asset inventories: CSV (any delimiter) and XLSX",
		Options: assets.Options,
		New:     func() Collector { return assets.New() },
	},
	{
		Kind:    mfa.Kind,
		Summary: "identity and MFA: Entra ID (Graph, ScubaGear), Okta API exports, CSV user lists",
		Options: mfa.Options,
		New:     func() Collector { return mfa.New() },
	},
}
