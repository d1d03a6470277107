assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
waiver "unknown-sr" {
  # ERROR 7:17: Unknown requirement
  requirement = "SR 9.9"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
waiver "unknown-nist" {
  # ERROR 14:17: Unknown requirement
  requirement = "nist-800-53r5:ZZ-1"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
waiver "unqualified" {
  # ERROR 21:17: Unqualified requirement
  requirement = "segmentation"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
waiver "blank" {
  requirement = "CM-8"
  # ERROR 29:17: Empty value
  reason      = "  "
  # ERROR 31:17: Empty value
  approved_by = ""
  expires     = "2027-01-01"
}
waiver "ok" {
  requirement = "iec62443-3-3:SR 1.1"
  subject     = "*"
  reason      = "r"
  approved_by = "a"
  expires     = "2027-01-01"
}
