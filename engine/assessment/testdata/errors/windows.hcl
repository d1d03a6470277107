assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "cell" {
  kind      = "ot"
  networks  = ["10.40.1.0/24"]
  sl_target = 2
  owner     = "OT"
}
maintenance_window "backwards" {
  zones       = ["cell"]
  from        = "2026-10-28T10:00:00Z"
  # ERROR 15:17: Window closes before it opens
  to          = "2026-10-28T06:00:00Z"
  approved_by = "R. Brandt"
}
maintenance_window "bad-times" {
  # ERROR 20:18: Unknown zone
  zones       = ["cel"]
  # ERROR 22:17: Invalid time
  from        = "2026-10-28 06:00"
  # ERROR 24:17: Invalid time
  to          = "2026-10-28T10:00:00"
  # ERROR 26:17: Empty value
  approved_by = " "
}
# ERROR 29:1: Missing required argument
maintenance_window "no-approval" {
  zones = ["cell"]
  from  = "2026-10-28T06:00:00Z"
  to    = "2026-10-28T10:00:00Z"
}
maintenance_window "no-zones" {
  # ERROR 36:17: No zones
  zones       = []
  from        = "2026-10-28T06:00:00+01:00"
  to          = "2026-10-28T10:00:00+01:00"
  approved_by = "R. Brandt"
}
# ERROR 42:20: Duplicate maintenance_window name
maintenance_window "no-zones" {
  zones       = ["cell"]
  from        = "2026-10-28T06:00:00Z"
  to          = "2026-10-28T10:00:00Z"
  approved_by = "R. Brandt"
}
