package collectors

import (
	"github.com/slate-ot/slate/collectors/advisories"
	"github.com/slate-ot/slate/collectors/assets"
	"github.com/slate-ot/slate/collectors/attestation"
	"github.com/slate-ot/slate/collectors/kev"
	"github.com/slate-ot/slate/collectors/mfa"
	"github.com/slate-ot/slate/collectors/netconfig"
	"github.com/slate-ot/slate/collectors/pcap"
	"github.com/slate-ot/slate/collectors/suricata"
	"github.com/slate-ot/slate/collectors/zeek"
)

// table lists every evidence kind, sorted by kind. Adding a collector means
// adding one line here.
var table = []Spec{
	{
		Kind:    advisories.Kind,
		Summary: "security advisories: CSAF 2.0 JSON (csaf_security_advisory, csaf_vex), validated against the CSAF schema",
		Options: advisories.Options,
		New:     func() Collector { return advisories.New() },
	},
	{
		Kind:    assets.Kind,
		Summary: "asset inventories: CSV (any delimiter) and XLSX",
		Options: assets.Options,
		New:     func() Collector { return assets.New() },
	},
	{
		Kind:    attestation.Kind,
		Summary: "attestations for requirements no evidence file decides: HCL blocks and CSV rows (verdict, evidence, who, when, until)",
		Options: attestation.Options,
		New:     func() Collector { return attestation.New() },
	},
	{
		Kind:    kev.Kind,
		Summary: "the CISA Known Exploited Vulnerabilities catalog (JSON)",
		Options: kev.Options,
		New:     func() Collector { return kev.New() },
	},
	{
		Kind:    mfa.Kind,
		Summary: "identity and MFA: Entra ID (Graph, ScubaGear), Okta API exports, CSV user lists",
		Options: mfa.Options,
		New:     func() Collector { return mfa.New() },
	},
	{
		Kind:    netconfig.Kind,
		Summary: "switch, router and firewall configurations: Cisco IOS/IOS-XE, NX-OS, ASA, IOS-XR, Arista EOS, Juniper Junos (brace and set), HP/H3C Comware",
		Options: netconfig.Options,
		New:     func() Collector { return netconfig.New() },
	},
	{
		Kind:    pcap.Kind,
		Summary: "packet captures: pcap/pcapng (gzip ok): flows, OT/IT protocols, observed assets",
		Options: pcap.Options,
		Traffic: true,
		New:     func() Collector { return pcap.New() },
		NewWithProgress: func(update func(read, total int64)) Collector {
			return pcap.New(pcap.WithProgress(update))
		},
	},
	{
		Kind:    suricata.Kind,
		Summary: "Suricata EVE JSON logs (gzip ok, rotated, several sensors): flows, alerts, OT/IT protocols, operations, observed assets",
		Options: suricata.Options,
		Traffic: true,
		New:     func() Collector { return suricata.New() },
	},
	{
		Kind:    zeek.Kind,
		Summary: "Zeek logs (TSV or JSON, gzip ok, archive trees), with CISA's ICSNPP OT parsers: flows, OT/IT protocols, operations, observed assets",
		Options: zeek.Options,
		Traffic: true,
		New:     func() Collector { return zeek.New() },
	},
}
