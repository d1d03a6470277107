package collectors

import (
	"reflect"

	"github.com/slate-ot/slate/collectors/advisories"
	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/collectors/kev"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/suricata"
	"github.com/slate-ot/slate/collectors/zeek"
	"github.com/slate-ot/slate/evidence"
	"github.com/slate-ot/slate/evidence/advisory"
)

// table lists every evidence kind, sorted by kind. Adding a collector means
// adding one line here.
var table = []Spec{
	{
		Kind:    advisories.Kind,
		Summary: "security advisories: CSAF 2.0 JSON (csaf_security_advisory, csaf_vex), validated against the CSAF schema",
		Options: advisories.Options,
		Data:    reflect.TypeFor[advisories.Data](),
		New:     func(Config) Collector { return advisories.New() },
	},
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
		Kind:    kev.Kind,
		Summary: "the CISA Known Exploited Vulnerabilities catalog (JSON)",
		Options: kev.Options,
		Data:    reflect.TypeFor[advisory.KEVData](),
		New:     func(Config) Collector { return kev.New() },
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
		Traffic: true,
		Data:    reflect.TypeFor[pcap.Data](),
		New:     func(cfg Config) Collector { return pcap.New(pcap.WithProgress(cfg.Progress)) },
	},
	{
		Kind:    suricata.Kind,
		Summary: "Suricata EVE JSON logs (gzip ok, rotated, several sensors): flows, alerts, OT/IT protocols, operations, observed assets",
		Options: suricata.Options,
		Traffic: true,
		Data:    reflect.TypeFor[suricata.Data](),
		New:     func(Config) Collector { return suricata.New() },
	},
	{
		Kind:    zeek.Kind,
		Summary: "Zeek logs (TSV or JSON, gzip ok, archive trees), with CISA's ICSNPP OT parsers: flows, OT/IT protocols, operations, observed assets",
		Options: zeek.Options,
		Traffic: true,
		Data:    reflect.TypeFor[zeek.Data](),
		New:     func(Config) Collector { return zeek.New() },
	},
}
