package collectors

import "github.com/slate-ot/slate/collectors/assets"

// table lists every evidence kind, sorted by kind. Adding a collector means
// adding one line here.
var table = []Spec{
	{
		Kind:    assets.Kind,
		Summary: "asset inventories: CSV (any delimiter) and XLSX",
		Options: assets.Options,
		New:     func() Collector { return assets.New() },
	},
}
