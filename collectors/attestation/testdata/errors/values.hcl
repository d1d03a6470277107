# Each block has one or more bad values; every one is reported.
attestation "unknown-requirement" {
  # ERROR 4:17: Unknown requirement
  requirement = "SR 9.9"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "lower-case-requirement" {
  # ERROR 15:17: Unknown requirement
  requirement = "pe-3"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "bad-enums" {
  requirement   = "SR 1.1"
  scope         = "site"
  # ERROR 28:19: Invalid verdict
  verdict       = "passed"
  evidence      = "e"
  # ERROR 31:19: Invalid evidence type
  evidence_type = "video"
  attested_by   = "a"
  date          = "2026-10-02"
  expires       = "2027-10-02"
  # ERROR 36:19: Invalid severity
  severity      = "severe"
  # ERROR 38:19: Invalid owner
  owner         = "OPS"
}

attestation "bad-dates" {
  requirement = "SR 1.1"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  # ERROR 48:17: Invalid date
  date        = "2026-02-30"
  # ERROR 50:17: Invalid date
  expires     = "02/10/2027"
}

attestation "expires-first" {
  requirement = "SR 1.1"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  # ERROR 61:17: Expiry not after the date
  expires     = "2026-10-02"
}

attestation "zones" {
  requirement = "SR 1.1"
  # ERROR 68:18: Unknown zone
  # ERROR 68:29: Unknown zone
  zones       = ["Control", "plant"]
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "empty-zones" {
  requirement = "SR 1.1"
  # ERROR 79:17: Empty zone list
  zones       = []
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}
