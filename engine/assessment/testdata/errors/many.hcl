# Several problems of different kinds in one file: all are reported.
assessment "plant-a" {
  site  = "Plant A"
  # ERROR 5:11: Invalid date
  as_of = "2026-13-01"
}
framework "nist-800-53r5" {
  # ERROR 9:14: Unknown baseline
  baseline = "medium"
}
zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  vlans     = [20]
  sl_target = 2
  owner     = "IT"
}
zone "control" {
  kind      = "ot"
  # ERROR 21:16: Overlapping zone networks
  networks  = ["10.20.0.0/25"]
  # ERROR 23:16: VLAN claimed by two zones
  vlans     = [20]
  # ERROR 25:15: Security level out of range
  sl_target = 7
  owner     = "OT"
}
conduit "dmz-to-control" {
  from     = "dmz"
  # ERROR 31:14: Unknown zone
  to       = "cell"
  # ERROR 33:15: Invalid service
  services = ["tcp/99999"]
}
source "assets" "inv" {
  # ERROR 37:12: No file matches "evidence/*.xlsx"
  files = ["evidence/*.xlsx"]
}
waiver "w" {
  # ERROR 41:17: Unknown requirement
  requirement = "SR 7.9"
  zone        = "control"
  reason      = "r"
  approved_by = "a"
  # ERROR 46:17: Invalid date
  expires     = "soon"
}
output {
  # ERROR 50:14: Unknown output format
  formats = ["pdf"]
}
