package assessment

import (
	"github.com/slate-ot/slate/evidence"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Starter returns a commented starter assessment file for `slate init`,
// with name as the assessment's name. formats are the report formats
// there are, named in the output block's comment, and chosen those its
// output block asks for; both come from the reports package's table,
// which this package does not import. It loads without error in an empty
// directory: the blocks that need files on disk (sources, policies) and
// the waiver example are commented out.
func Starter(name string, formats, chosen []string) []byte {
	quote := func(s string) string {
		return strings.TrimSpace(string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes()))
	}
	quoted := make([]string, len(chosen))
	for i, f := range chosen {
		quoted[i] = quote(f)
	}
	return []byte(strings.NewReplacer(
		"@NAME@", quote(name),
		"@FORMATS@", strings.Join(formats, ", "),
		"@CHOSEN@", strings.Join(quoted, ", "),
		"@OWNERS@", strings.Join(evidence.Owners, ", "),
	).Replace(starter))
}

const starter = `# slate assessment file.
#
# One file describes one site: its zones and conduits (IEC 62443-3-2), the
# frameworks it is scored against, the evidence to read, and the gaps that
# are knowingly accepted. Relative paths are taken from this file's
# directory. Every problem in the file is reported at once, with its line.

assessment @NAME@ {
  # The site as the scorecard names it.
  site = "Plant A, Rotterdam"

  # The assessment date, YYYY-MM-DD. It stamps the scorecard (instead of the
  # wall clock, so re-runs reproduce the same bytes) and decides which
  # waivers have expired. Without it, give --as-of or SOURCE_DATE_EPOCH.
  # as_of = "2026-11-01"
}

# Frameworks to score against; at least one.
# IEC 62443-3-3 takes its target levels from each zone's sl_target.
framework "iec62443-3-3" {}

# NIST SP 800-53 Rev. 5 needs the SP 800-53B baseline: low, moderate or
# high. The SP 800-82r3 OT overlay's tailoring of it is not applied.
framework "nist-800-53r5" {
  baseline = "moderate"
}

# Zones group assets with the same security needs. Every network belongs to
# exactly one zone: networks of different zones must not overlap, and a
# VLAN belongs to one zone.
zone "enterprise" {
  kind      = "it"              # it, ot or dmz
  networks  = ["10.10.0.0/16"]  # CIDR ranges, network addresses only
  sl_target = 1                 # target security level 1-4 for all seven FRs
  owner     = "IT"              # who fixes its gaps: @OWNERS@
}

zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  vlans     = [20]              # optional, 1-4094
  sl_target = 2
  owner     = "IT"
}

zone "control" {
  kind     = "ot"
  networks = ["10.30.0.0/24"]
  vlans    = [30]
  # A level per foundational requirement, FR1 to FR7, when they differ.
  sl_target = {
    FR1 = 2, FR2 = 2, FR3 = 2, FR4 = 1, FR5 = 3, FR6 = 2, FR7 = 1
  }
  owner       = "OT"
  description = "Controllers, HMIs and the engineering workstation."
}

# Conduits are the allowed paths between zones. Services are transport/port
# ("tcp/443", "udp/161", "tcp/502-503") or a protocol name such as modbus,
# dnp3, enip, s7comm, opcua, iec104, https or ssh. Traffic the evidence
# shows outside any conduit is a finding.
conduit "enterprise-to-dmz" {
  from     = "enterprise"
  to       = "dmz"
  services = ["https"]
}

conduit "dmz-to-control" {
  from        = "dmz"
  to          = "control"
  services    = ["opcua", "tcp/443"]
  description = "Historian replication and remote support jump host."
}

# Evidence sources: source "<kind>" "<name>". files are globs relative to
# this directory ("**" matches any number of directories) and must match at
# least one file; the other arguments depend on the kind. Uncomment and
# adjust once the evidence is in place.
#
# max_age ("30d", "4w") makes older evidence pass nothing, judged on as_of:
# a capture is dated by its last packet; other kinds need collected, the day
# the evidence was gathered.
#
# source "assets" "plant-inventory" {
#   files     = ["evidence/inventory.csv"]
#   columns   = { name = "Device", ip = "IP address" }
#   collected = "2026-10-15"
#   max_age   = "13w"
# }
#
# source "netconfig" "core-switches" {
#   files = ["evidence/configs/**/*.cfg"]
# }
#
# source "pcap" "cell1-capture" {
#   files   = ["evidence/captures/*.pcap"]
#   max_age = "30d"
# }
#
# source "mfa" "remote-access" {
#   files              = ["evidence/identity/*.json"]   # Entra ID, Okta or CSV
#   remote_access_apps = ["OT-VPN"]
#   ot_access_groups   = { "OT-Engineers" = ["control"] }
# }
#
# What you examined by hand (procedures, photos, interviews), for the
# requirements no evidence file decides: attestation blocks or CSV rows,
# each with a verdict, the evidence, who attested, a date, an expiry and
# where it holds: zones = ["control"] for the zones where it was examined,
# or scope = "site" for what holds site-wide, like a site security policy.
#
# source "attestation" "site-review" {
#   files = ["evidence/attestations/*"]
# }

# Directories of custom Rego policies, run next to the built-in ones, and
# policy packs (OPA bundles, see slate policy build), as files or in OCI
# registries pinned by digest (see slate policy push), verified with a key.
#
# policies {
#   paths      = ["policies"]
#   bundles    = ["packs/ot-extra.tar.gz"]
#   oci        = ["registry.example.com/packs/ot-extra@sha256:…"]
#   bundle_key = "keys/pack.pub"
# }

# A waiver accepts a known gap for a while. It needs a reason, an approver
# and an expiry date; once expired it no longer waives. requirement is
# framework-qualified; "SR 7.8" and NIST ids like "CM-8" are qualified for
# you. subject and zone narrow it; leave them out to cover everything.
#
# waiver "legacy-hmi" {
#   requirement          = "iec62443-3-3:SR 7.8"
#   subject              = "asset:hmi-02"
#   zone                 = "control"
#   reason               = "Vendor firmware cannot be upgraded before the 2027 turnaround."
#   approved_by          = "J. de Vries, plant manager"
#   expires              = "2027-03-31"
#   compensating_control = "HMI sits behind a dedicated firewall rule set."
# }

# Reports to write. dir is relative to this directory unless absolute;
# formats are @FORMATS@.
output {
  dir     = "out"
  formats = [@CHOSEN@]
}
`
