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
# ERROR 12:1: Countermeasure without evidence
countermeasure "no-evidence" {
  requirements = ["SR 7.8"]
  zones        = ["cell"]
  description  = "d"
  approved_by  = "a"
  expires      = "2027-01-01"
}
countermeasure "bad-refs" {
  # ERROR 21:19: Unknown requirement
  requirements = ["SR 9.9"]
  # ERROR 23:19: Unknown zone
  zones        = ["kitchen"]
  description  = "d"
  attestation  = "isolation"
  approved_by  = "a"
  expires      = "2027-01-01"
}
countermeasure "empty" {
  # ERROR 31:18: No requirements
  requirements = []
  # ERROR 33:18: No zones
  zones        = []
  description  = "d"
  # WARNING 36:19: Evidence file missing
  evidence     = ["evidence/missing.pdf"]
  approved_by  = "a"
  expires      = "2027-01-01"
}
# ERROR 41:1: Override changes nothing
check "SLATE-CFG-001" {
  reason      = "r"
  approved_by = "a"
}
check "SLATE-CFG-002" {
  enabled      = false
  # ERROR 48:3: Conflicting override
  requirements = ["SR 1.1"]
  reason       = "r"
  approved_by  = "a"
}
