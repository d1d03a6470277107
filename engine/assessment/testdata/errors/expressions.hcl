assessment "plant-a" {
  # ERROR 3:11: Variables not allowed
  site  = var.site
  # ERROR 5:11: Function calls not allowed
  as_of = timestamp()
}
framework "iec62443-3-3" {}
zone "control" {
  # ERROR 10:17: Incorrect value type
  kind        = ["ot"]
  # ERROR 13:34: Null value
  # ERROR 13:40: Incorrect value type
  networks    = ["10.30.0.0/24", null, ["10.31.0.0/24"]]
  # ERROR 15:17: Null value
  sl_target   = null
  owner       = "OT"
  # ERROR 18:17: Incorrect value type
  description = { text = "x" }
}
conduit "c" {
  from     = "control"
  # ERROR 23:14: Null value
  to       = null
  # ERROR 25:14: Incorrect value type
  services = "modbus"
}
