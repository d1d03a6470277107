# Plant A with Zeek logs as its traffic evidence instead of the capture:
# the same findings (examples/zeek_test.go). Run it with:
#   slate assess examples/plant-a/assessment-zeek.hcl --out out-zeek

# Plant A: a small discrete-manufacturing site with an enterprise network,
# a plant DMZ, a control room network and one production cell.
# Run it with:  slate assess examples/plant-a --out out

assessment "plant-a" {
  site  = "Plant A (example site)"
  as_of = "2026-11-01"
}

framework "iec62443-3-3" {}

framework "nist-800-53r5" {
  baseline = "moderate"
}

zone "enterprise" {
  kind        = "it"
  networks    = ["10.10.0.0/16"]
  vlans       = [10]
  sl_target   = 1
  owner       = "IT"
  description = "Corporate office network: ERP, directory, mail."
}

zone "dmz" {
  kind        = "dmz"
  networks    = ["10.20.0.0/24"]
  vlans       = [20]
  sl_target   = 2
  owner       = "IT"
  description = "Plant DMZ: historian replica, jump host, OT firewall."
}

zone "control" {
  kind        = "ot"
  networks    = ["10.30.0.0/24"]
  vlans       = [30]
  owner       = "OT"
  description = "Control room: SCADA server, HMIs, engineering workstation."
  sl_target = {
    FR1 = 2
    FR2 = 2
    FR3 = 2
    FR4 = 1
    FR5 = 3
    FR6 = 2
    FR7 = 2
  }
}

zone "cell" {
  kind        = "ot"
  networks    = ["10.40.1.0/24"]
  vlans       = [41]
  sl_target   = 2
  owner       = "OT"
  description = "Production cell 1: safety PLCs, remote I/O, drives."
}

conduit "enterprise-dmz" {
  from     = "enterprise"
  to       = "dmz"
  services = ["https", "rdp"]
}

conduit "dmz-control" {
  from     = "dmz"
  to       = "control"
  services = ["opcua", "tcp/443", "rdp"]
}

conduit "control-cell" {
  from     = "control"
  to       = "cell"
  services = ["s7comm", "profinet", "ntp"]
}

# Line 1 was shut down for planned work on the cell on the morning of the
# capture: operations on the cell's devices from the cell, or through a
# declared conduit into it, between these times were approved.
maintenance_window "line1-shutdown" {
  zones       = ["cell"]
  from        = "2026-10-28T06:00:00Z"
  to          = "2026-10-28T10:00:00Z"
  description = "Planned shutdown of line 1, MoC 2026-114"
  approved_by = "R. Brandt (production manager)"
}

# The site inventory (semicolon-separated CSV exported from the CMDB).
source "assets" "plant-inventory" {
  files = ["evidence/inventory.csv"]
}

# Production cell 1 keeps its own register in a workbook, with a title row
# above the header and its own column names.
source "assets" "cell1-register" {
  files = ["evidence/cell1-components.xlsx"]
  sheet = "Components"
  columns = {
    name           = "Tag"
    model          = "Device Type"
    firmware       = "FW Version"
    last_patched   = "Last Update"
    end_of_support = "EoS"
  }
}

# Saved configurations of the control switch and the OT firewall.
source "netconfig" "network" {
  files = ["evidence/configs/*"]
}

# The Zeek logs of the span-port capture of the control and cell switches
# (written from it by bench/zeekgen; see README.md).
source "zeek" "span" {
  files = ["evidence/zeek/*.log"]
}

# Security advisories for the site's vendors, as CSAF 2.0 files copied
# from the vendors' and CISA's feeds (see evidence/advisories/NOTICE.md),
# and the CISA Known Exploited Vulnerabilities catalog.
source "advisories" "ics-advisories" {
  files = ["evidence/advisories/*.json"]
}

source "kev" "cisa-kev" {
  files = ["evidence/kev/*.json"]
}

# Users of the plant's remote-access VPN, exported from the appliance.
source "mfa" "ot-vpn" {
  files              = ["evidence/identity/vpn-users.csv"]
  format             = "csv"
  remote_access_apps = ["OT-VPN"]
  ot_access_groups = {
    "OT-Engineers" = ["control", "cell"]
    "OT-Admins"    = ["control", "cell"]
    "OT-Vendors"   = ["cell"]
  }
}

# What the consultant examined by hand during the site review: procedures,
# photos, interviews (see evidence/attestations/).
source "attestation" "site-review" {
  files = ["evidence/attestations/*"]
}

waiver "hmi-02-legacy" {
  requirement          = "nist-800-53r5:SA-22"
  subject              = "asset:hmi-02"
  zone                 = "control"
  reason               = "HMI replacement is scheduled with the line 2 retrofit."
  approved_by          = "J. Meyer (plant manager)"
  expires              = "2027-03-31"
  compensating_control = "Isolated on VLAN 30 with USB ports disabled; no internet access."
}

# A waiver accepts a risk for one requirement: here only the missing
# firmware record (SLATE-INV-001), not the other findings about drive-01.
waiver "drive-firmware-unknown" {
  requirement          = "iec62443-3-3:SR 7.8"
  rule                 = "SLATE-INV-001"
  subject              = "asset:drive-01"
  zone                 = "cell"
  reason               = "Firmware can only be read out with the vendor's tool during a shutdown."
  approved_by          = "A. Okafor (OT security lead)"
  expires              = "2027-06-30"
}

waiver "vendor-modem-temporary" {
  requirement          = "iec62443-3-3:SR 5.1"
  subject              = "asset:vendor-modem"
  reason               = "Vendor remote-support modem tolerated during commissioning."
  approved_by          = "A. Okafor (OT security lead)"
  expires              = "2026-09-30"
  compensating_control = "Modem powered only on request."
}

# The cell's operator panels cannot run anti-malware or allowlisting; a
# compensating countermeasure stands in for SR 3.2 there (IEC 62443-3-3
# allows them) and counts toward SL-A while it is valid.
countermeasure "cell-panel-integrity" {
  requirements = ["iec62443-3-3:SR 3.2"]
  zones        = ["cell"]
  description  = "Panels boot a signed read-only image, USB and SD are disabled and sealed, project files are compared weekly with the released baseline, and the panels are reachable only over the control-cell conduit."
  evidence     = ["evidence/countermeasures/cell-panel-integrity.md"]
  approved_by  = "A. Okafor (OT security lead)"
  expires      = "2027-06-30"
}

# Central AAA on the network devices shows unified account management; how
# people are identified and authenticated on the devices is attested in the
# site review, so this assessment narrows the check's mapping.
check "SLATE-CFG-010" {
  requirements = ["iec62443-3-3:SR 1.3 RE 1", "nist-800-53r5:AC-2"]
  reason       = "SR 1.1 and SR 1.5 on the network devices are decided by the site review's attestations, not by the login method list and the AAA keys."
  approved_by  = "M. Keller, consultant"
}

output {
  dir     = "out"
  formats = ["json", "md", "junit", "sarif", "oscal", "xlsx", "html"]
}
