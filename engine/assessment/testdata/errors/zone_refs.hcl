assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
conduit "loop" {
  from     = "control"
  # ERROR 14:14: Conduit joins a zone to itself
  to       = "control"
  services = ["modbus"]
}
conduit "typo" {
  # ERROR 19:14: Unknown zone
  from     = "contrl"
  # ERROR 21:14: Unknown zone
  to       = "enterprise"
  services = ["https"]
}
waiver "w" {
  requirement = "SR 7.8"
  # ERROR 27:17: Unknown zone
  zone        = "safety"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
