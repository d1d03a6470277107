assessment "plant-a" {
  site  = "Plant A"
  # ERROR 4:11: Invalid date
  as_of = "01-11-2026"
}
framework "iec62443-3-3" {}
waiver "feb30" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  # ERROR 12:17: Invalid date
  expires     = "2027-02-30"
}
waiver "short" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  # ERROR 19:17: Invalid date
  expires     = "2027-3-31"
}
waiver "timestamp" {
  requirement = "SR 7.8"
  reason      = "r"
  approved_by = "a"
  # ERROR 26:17: Invalid date
  expires     = "2027-03-31T00:00:00Z"
}
