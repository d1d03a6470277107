assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
# ERROR 6:11: Duplicate framework name
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
# ERROR 14:6: Duplicate zone name
zone "control" {
  kind      = "ot"
  networks  = ["10.31.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
# ERROR 21:6: Empty name
zone "" {
  kind      = "ot"
  networks  = ["10.32.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
conduit "c" {
  from     = "control"
  to       = "control2"
  services = ["modbus"]
}
# ERROR 33:9: Duplicate conduit name
conduit "c" {
  from     = "control"
  to       = "control2"
  services = ["modbus"]
}
zone "control2" {
  kind      = "ot"
  networks  = ["10.33.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
source "assets" "inv" {
  files = ["evidence/*.csv"]
}
# ERROR 48:20: Duplicate source name
source "netconfig" "inv" {
  files = ["evidence/**/*.cfg"]
}
waiver "w" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
# ERROR 58:8: Duplicate waiver name
waiver "w" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
