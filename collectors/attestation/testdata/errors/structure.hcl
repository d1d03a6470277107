# Problems of structure: hcl's own diagnostics and missing arguments.

# ERROR 4:1: Unsupported argument
site = "Plant A"

attestation "typo" {
  requirement = "SR 1.1"
  # ERROR 9:3: Unsupported argument
  verdct      = "pass"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

# ERROR 19:1: Missing required argument
# ERROR 19:1: Missing required argument
attestation "missing" {
  requirement = "SR 1.1"
  verdict     = "pass"
  evidence    = "e"
  date        = "2026-10-02"
}

attestation "both" {
  requirement  = "SR 1.1"
  # ERROR 29:3: Conflicting arguments
  requirements = ["SR 1.2"]
  verdict      = "pass"
  evidence     = "e"
  attested_by  = "a"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "types" {
  # ERROR 39:17: Incorrect value type
  requirement = ["SR 1.1"]
  # ERROR 41:17: Incorrect value type
  zones       = "control"
  verdict     = "pass"
  # ERROR 44:17: Null value
  evidence    = null
  # ERROR 46:17: Variables not allowed
  attested_by = var.consultant
  # ERROR 48:17: Function calls not allowed
  date        = timestamp()
  expires     = "2027-10-02"
  note        = ""
}

attestation "list" {
  # ERROR 55:18: Empty requirement list
  requirements = []
  verdict      = "pass"
  evidence     = "e"
  attested_by  = "a"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "nested" {
  requirement = "SR 1.1"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
  # ERROR 71:3: Unsupported block type
  photo {
  }
}

# ERROR 76:13: Empty name
attestation "" {
  requirement = "SR 1.1"
  verdict     = "pass"
  evidence    = "e"
  attested_by = "a"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}
