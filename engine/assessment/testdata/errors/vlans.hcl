assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  vlans     = [20, 30]
  sl_target = 2
  owner     = "IT"
}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  # ERROR 21:16: VLAN out of range
  # ERROR 21:19: VLAN out of range
  # ERROR 21:25: VLAN claimed by two zones
  # ERROR 21:33: Duplicate VLAN
  # ERROR 21:37: Invalid number
  # ERROR 21:43: Incorrect value type
  vlans     = [0, 4095, 30, 31, 31, 32.5, "x"]
  sl_target = 2
  owner     = "OT"
}
