assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "plant" {
  kind      = "ot"
  networks  = ["10.30.0.0/16"]
  sl_target = 2
  owner     = "OT"
}
zone "control" {
  kind      = "ot"
  # ERROR 19:16: Overlapping zone networks
  # ERROR 19:48: Overlapping networks in zone
  # ERROR 19:66: Network has host bits set
  # ERROR 19:82: Invalid network
  # ERROR 19:95: Invalid network
  # ERROR 19:111: Invalid network
  networks  = ["10.30.1.0/24", "10.40.0.0/24", "10.40.0.128/25", "10.50.0.1/24", "10.60.0.5", "10.70.0.0/33", "control-net"]
  sl_target = 2
  owner     = "OT"
}
zone "empty" {
  kind      = "ot"
  # ERROR 26:15: No networks
  networks  = []
  sl_target = 2
  owner     = "OT"
}
zone "flat" {
  kind      = "ot"
  # ERROR 33:15: Incorrect value type
  networks  = "10.80.0.0/24"
  sl_target = 2
  owner     = "OT"
}
zone "v6" {
  kind      = "it"
  # ERROR 41:16: Network has host bits set
  # ERROR 41:45: Overlapping networks in zone
  networks  = ["fd00::1/64", "fd00:1::/48", "fd00:1:0:1::/64"]
  sl_target = 1
  owner     = "IT"
}
