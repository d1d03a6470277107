package collectors

import (
	"reflect"

	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/evidence"
)

// table lists every evidence kind, sorted by kind. Adding a collector means
// adding one line here.
var table = []Spec{
	{
		Kind:    assets.Kind,
		Summary: "asset inventories: CSV (any delimiter) and XLSX",
		Options: assets.Options,
		Data:    reflect.TypeFor[assets.Data](),
		New:     func(Config) Collector { return assets.New() },
	},
	{
		Kind:    attestation.Kind,
		Summary: "attestations for requirements no evidence file decides: HCL blocks and CSV rows (verdict, evidence, who, when, until)",
		Options: attestation.Options,
		Data:    reflect.TypeFor[evidence.AttestationData](),
		New:     func(Config) Collector { return attestation.New() },
	},
	{
		Kind:    mfa.Kind,
		Summary: "identity and MFA: Entra ID (Graph, ScubaGear), Okta API exports, CSV user lists",
		Options: mfa.Options,
		Data:    reflect.TypeFor[mfa.Data](),
		New:     func(Config) Collector { return mfa.New() },
	},
	{
		Kind:    netconfig.Kind,
		Summary: "switch, router and firewall configurations: Cisco IOS/IOS-XE, NX-OS, ASA, IOS-XR, Arista EOS, Juniper Junos (brace and set), HP/H3C Comware",
		Options: netconfig.Options,
		Data:    reflect.TypeFor[netconfig.Data](),
		New:     func(Config) Collector { return netconfig.New() },
	},
	{
		Kind:    pcap.Kind,
		Summary: "packet captures: pcap/pcapng (gzip ok): flows, OT/IT protocols, observed assets",
		Options: pcap.Options,
		Data:    reflect.TypeFor[pcap.Data](),
		New:     func(cfg Config) Collector { return pcap.New(pcap.WithProgress(cfg.Progress)) },
	},
}
