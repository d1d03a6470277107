# A complete assessment that uses every block; Load must accept it.

assessment "plant-a" {
  site  = "Plant A, Rotterdam"
  as_of = "2026-11-01"
}

framework "nist-800-53r5" {
  baseline = "Moderate"
}

framework "iec62443-3-3" {}

zone "enterprise" {
  kind      = "IT"
  networks  = ["10.10.0.0/16", "fd00:10::/48"]
  sl_target = 1
  owner     = "it"
}

zone "control" {
  kind     = "ot"
  networks = ["10.30.1.0/24", "10.30.0.0/24"]
  vlans    = [31, 30]
  sl_target = {
    FR1 = 2, FR2 = 2, FR3 = 3, FR4 = 2, FR5 = 3, FR6 = 2, FR7 = 1
  }
  owner       = "OT"
  description = "Controllers and HMIs of cell 1."
}

zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  vlans     = [20]
  sl_target = 2
  owner     = "CISO"
}

conduit "enterprise-to-dmz" {
  from     = "enterprise"
  to       = "dmz"
  services = ["https", "tcp/22"]
}

conduit "dmz-to-control" {
  from        = "dmz"
  to          = "control"
  services    = ["opcua", "TCP/0443", "tcp/502-503", "udp/161-161", "modbus"]
  description = "Historian replication."
}

source "assets" "plant-inventory" {
  # inventory.csv is matched by both patterns and listed once; the configs
  # directory matched by evidence/* is left out.
  files      = ["evidence/*.csv", "./evidence/*"]
  columns    = { name = "Device", ip = "IP address" }
  header_row = 1
  sheet      = null # unset
  tags       = ["cell-1", 2.5, true]
}

source "netconfig" "switches" {
  files  = ["evidence/configs/**/*.cfg"]
  vendor = "cisco-ios"
  # Held against as_of: the configs were exported on 2026-10-20, so they
  # are 12 days old and within four weeks.
  max_age   = "4w"
  collected = "2026-10-20"
}

# A capture that speaks for the DMZ too, though it may not see inside it,
# and judges absence after a week of traffic.
source "pcap" "span" {
  files           = ["evidence/inventory.csv"]
  zones           = ["dmz", "control", "dmz"]
  min_observation = "7d"
}

policies {
  paths = ["policies", "./policies/"]
}

waiver "legacy-hmi" {
  requirement          = "SR 7.8"
  subject              = "asset:hmi-02"
  zone                 = "control"
  reason               = "Vendor firmware cannot be upgraded before the 2027 turnaround."
  approved_by          = "J. de Vries"
  expires              = "2027-03-31"
  compensating_control = "Dedicated firewall rule set in front of the HMI."
}

waiver "asset-inventory" {
  requirement = "nist-800-53r5:CM-8"
  reason      = "Inventory is kept by the integrator."
  approved_by = "CISO"
  expires     = "2027-01-31"
}

waiver "account-review" {
  requirement = "AC-2(1)"
  subject     = "*"
  reason      = "Accounts are reviewed by hand each quarter."
  approved_by = "CISO"
  expires     = "2027-01-31"
}

# Planned work on the control room's devices; times with an offset are
# kept in UTC.
maintenance_window "scada-upgrade" {
  zones       = ["control", "control"]
  from        = "2026-10-28T07:00:00+01:00"
  to          = "2026-10-28T11:30:00+01:00"
  description = "SCADA server upgrade, MoC 2026-114"
  approved_by = "R. Brandt"
}

output {
  dir     = "out"
  formats = ["xlsx", "json", "HTML", "md", "junit", "sarif", "oscal"]
}
