attestation "badge" {
  requirement = "PE-3"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

# ERROR 12:13: Duplicate attestation
attestation "badge" {
  requirement = "PE-3"
  scope       = "site"
  verdict     = "fail"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "group" {
  requirements = ["SR 1.1", "SR 1.2"]
  scope        = "site"
  verdict      = "pass"
  evidence     = "e"
  attested_by  = "a"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

# ERROR 33:13: Duplicate attestation
attestation "group/iec62443-3-3:SR 1.2" {
  requirement = "SR 1.2"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}
