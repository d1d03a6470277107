# Problems of structure: hcl's own diagnostics and missing arguments.

# ERROR 4:1: Unsupported argument
site = "Plant A"

attestation "typo" {
  requirement = "SR 1.1"
  scope       = "site"
  # ERROR 10:3: Unsupported argument
  verdct      = "pass"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

# ERROR 20:1: Missing required argument
# ERROR 20:1: Missing required argument
attestation "missing" {
  requirement = "SR 1.1"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  date        = "2026-10-02"
}

attestation "both" {
  requirement  = "SR 1.1"
  scope        = "site"
  # ERROR 32:3: Conflicting arguments
  requirements = ["SR 1.2"]
  verdict      = "pass"
  evidence     = "e"
  attested_by  = "a"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "types" {
  # ERROR 42:17: Incorrect value type
  requirement = ["SR 1.1"]
  # ERROR 44:17: Incorrect value type
  zones       = "control"
  verdict     = "pass"
  # ERROR 47:17: Null value
  evidence    = null
  # ERROR 49:17: Variables not allowed
  attested_by = var.consultant
  # ERROR 51:17: Function calls not allowed
  date        = timestamp()
  expires     = "2027-10-02"
  note        = ""
}

attestation "list" {
  # ERROR 58:18: Empty requirement list
  requirements = []
  scope        = "site"
  verdict      = "pass"
  evidence     = "e"
  attested_by  = "a"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "nested" {
  requirement = "SR 1.1"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
  # ERROR 76:3: Unsupported block type
  photo {
  }
}

# ERROR 81:13: Empty name
attestation "" {
  requirement = "SR 1.1"
  scope       = "site"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}
