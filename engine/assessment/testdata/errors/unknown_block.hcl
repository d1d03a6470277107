assessment "plant-a" {
  site = "Plant A"
  # ERROR 4:3: Unsupported argument
  sit  = "Plant B"
}
framework "iec62443-3-3" {}
# ERROR 8:1: Unsupported block type
zones "control" {}
# ERROR 10:1: Unsupported argument
name = "plant-a"
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
  # ERROR 17:3: Unsupported argument
  vlan      = [30]
  # ERROR 19:3: Unsupported block type
  conduit "x" {}
}
# ERROR 22:17: Missing name for source
source "assets" {}
# ERROR 24:10: Extraneous label for zone
zone "a" "b" {}
