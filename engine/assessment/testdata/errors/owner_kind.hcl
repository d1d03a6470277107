assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "control" {
  # ERROR 7:15: Unknown zone kind
  kind      = "ics"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  # ERROR 11:15: Unknown owner
  owner     = "Operations"
}
zone "office" {
  # ERROR 15:15: Unknown zone kind
  kind      = "itt"
  networks  = ["10.10.0.0/24"]
  sl_target = 1
  # ERROR 19:15: Unknown owner
  owner     = "CIS0"
}
