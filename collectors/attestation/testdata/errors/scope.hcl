# Every attestation says where it holds: the zones where it was examined,
# or scope = "site" for the whole site. Neither, both, or another scope is
# an error of the assessment.

# ERROR 6:1: Missing scope
attestation "nowhere" {
  requirement = "SR 7.5"
  verdict     = "pass"
  evidence    = "UPS test log 2026-08"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "both" {
  requirement = "SR 7.6"
  zones       = ["control"]
  # ERROR 19:17: Conflicting scope
  scope       = "site"
  verdict     = "pass"
  evidence    = "Hardening baseline OT-BL-03"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "plant" {
  requirement = "SR 2.1"
  # ERROR 30:17: Invalid scope
  scope       = "plant"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "not-a-string" {
  requirement = "SR 2.1"
  # ERROR 41:17: Incorrect value type
  scope       = ["site"]
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}
