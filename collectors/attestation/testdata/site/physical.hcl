# Physical security and procedures attested during the site visit of
# 2026-10-02. Zones are those of the assessment: control, cell, dmz.

attestation "badge-access-control-room" {
  requirement   = "PE-3"
  zones         = ["control", "cell"]
  verdict       = "pass"
  evidence      = "Badge system export 2026-10-02, photo P-0142"
  evidence_type = "photo"
  attested_by   = "J. Moreau, OT security lead"
  date          = "2026-10-02"
  expires       = "2027-10-02"
  note          = "Control room and cell 1 cabinets behind badge readers."
}

attestation "emergency-power" {
  requirement = "iec62443-3-3:SR 7.5"
  zones       = ["cell"]
  verdict     = "fail"
  evidence    = "Interview with the maintenance lead"
  evidence_type = "interview"
  attested_by = "J. Moreau, OT security lead"
  date        = "2026-10-02"
  expires     = "2027-04-02"
  severity    = "high"
  owner       = "OT"
  remediation = "Put the PLC racks of cell 1 on the UPS."
}

# One verdict for several requirements: one attestation each.
attestation "no-wireless" {
  requirements = ["SR 1.6", "SR 2.2"]
  zones        = ["cell"]
  verdict      = "not_applicable"
  evidence     = "Walk-down of cell 1; no access points found"
  evidence_type = "observation"
  attested_by  = "A. Keller"
  date         = "2026-10-03"
  expires      = "2027-10-03"
}
