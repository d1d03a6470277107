# Water utility: a treatment works with a SCADA centre, a telemetry
# network to remote pumping stations (RTUs over a private radio/cellular
# WAN) and a corporate network. One of the three example sites of the
# portfolio (see docs/portfolio.md and examples/portfolio.sh).
# Run it with:  slate assess examples/water-utility --out out

assessment "water-utility" {
  site  = "Riverside water treatment works (example site)"
  as_of = "2026-11-01"
}

framework "iec62443-3-3" {}

zone "corporate" {
  kind      = "it"
  networks  = ["172.16.0.0/16"]
  sl_target = 1
  owner     = "IT"
}

zone "scada" {
  kind      = "ot"
  networks  = ["10.1.10.0/24"]
  vlans     = [110]
  sl_target = 2
  owner     = "OT"
}

zone "telemetry" {
  kind      = "ot"
  networks  = ["10.1.50.0/24"]
  vlans     = [150]
  sl_target = 2
  owner     = "OT"
}

conduit "corporate-scada" {
  from     = "corporate"
  to       = "scada"
  services = ["https"]
}

conduit "scada-telemetry" {
  from     = "scada"
  to       = "telemetry"
  services = ["dnp3", "modbus"]
}

source "assets" "asset-register" {
  files    = ["evidence/inventory.csv"]
  max_age  = "90d"
  collected = "2026-08-20"
}

source "netconfig" "network" {
  files = ["evidence/configs/*"]
}

source "mfa" "remote-access" {
  files              = ["evidence/identity/vpn-users.csv"]
  format             = "csv"
  remote_access_apps = ["SCADA-VPN"]
  ot_access_groups = {
    "SCADA-Operators" = ["scada"]
    "Telemetry-Techs" = ["scada", "telemetry"]
  }
}

source "attestation" "annual-review" {
  files = ["evidence/attestations/*"]
}

waiver "rtu-07-legacy-firmware" {
  requirement = "iec62443-3-3:SR 7.8"
  subject     = "asset:rtu-07"
  zone        = "telemetry"
  reason      = "RTU replacement is funded in the 2027 capital programme."
  approved_by = "S. Patel (head of operations)"
  expires     = "2026-12-15"
}

output {
  dir     = "out"
  formats = ["json", "md"]
}
