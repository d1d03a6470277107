# Warnings do not fail the load.
assessment "plant-a" {
  site  = "Plant A"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  sl_target = 2
  owner     = "IT"
}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
conduit "c" {
  from     = "dmz"
  to       = "control"
  # WARNING 23:26: Duplicate service
  services = ["tcp/443", "TCP/443", "opcua"]
}
waiver "expired" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  # WARNING 30:17: Waiver has expired
  expires     = "2026-10-31"
}
waiver "last-day" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  expires     = "2026-11-01"
}
output {
  # WARNING 40:22: Duplicate output format
  formats = ["json", "json"]
}
source "assets" "gone" {
  # WARNING 44:12: Evidence file missing
  files = ["evidence/not-there.csv"]
}
