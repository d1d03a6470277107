# Packaging plant: two filling/packaging lines under one line-control
# network, a supervisory network with the MES and a plant office network.
# One of the three example sites of the portfolio (see docs/portfolio.md
# and examples/portfolio.sh).
# Run it with:  slate assess examples/packaging-plant --out out

assessment "packaging-plant" {
  site  = "Packaging plant Nord (example site)"
  as_of = "2026-11-01"
}

framework "iec62443-3-3" {}

zone "office" {
  kind      = "it"
  networks  = ["192.168.10.0/24"]
  sl_target = 1
  owner     = "IT"
}

zone "supervisory" {
  kind      = "ot"
  networks  = ["10.60.1.0/24"]
  vlans     = [61]
  sl_target = 2
  owner     = "OT"
}

zone "lines" {
  kind      = "ot"
  networks  = ["10.60.2.0/24"]
  vlans     = [62]
  sl_target = 1
  owner     = "OT"
}

conduit "office-supervisory" {
  from     = "office"
  to       = "supervisory"
  services = ["https", "rdp"]
}

conduit "supervisory-lines" {
  from     = "supervisory"
  to       = "lines"
  services = ["ethernet-ip", "opcua"]
}

source "assets" "line-inventory" {
  files     = ["evidence/inventory.csv"]
  max_age   = "180d"
  collected = "2026-10-05"
}

source "netconfig" "network" {
  files = ["evidence/configs/*"]
}

source "mfa" "remote-access" {
  files              = ["evidence/identity/vpn-users.csv"]
  format             = "csv"
  remote_access_apps = ["Plant-VPN"]
  ot_access_groups = {
    "OT-Maintenance" = ["supervisory", "lines"]
    "Integrator"     = ["lines"]
  }
}

source "attestation" "audit" {
  files = ["evidence/attestations/*"]
}

waiver "line2-hmi-os" {
  requirement = "iec62443-3-3:SR 7.8"
  subject     = "asset:hmi-l2"
  zone        = "lines"
  reason      = "Line 2 HMI is replaced with the line upgrade in week 12."
  approved_by = "K. Nowak (plant manager)"
  expires     = "2027-03-31"
}

output {
  dir     = "out"
  formats = ["json", "md"]
}
