# What the utility's OT security lead examined by hand in the annual
# review of 2026-09-08..09.

attestation "no-wireless-in-scada" {
  requirements  = ["SR 1.6", "SR 2.2"]
  zones         = ["scada"]
  verdict       = "not_applicable"
  evidence      = "Walk-down of the control centre; no wireless access points on the SCADA VLAN"
  evidence_type = "observation"
  attested_by   = "L. Evans, OT security lead"
  date          = "2026-09-08"
  expires       = "2027-09-08"
}

attestation "backup-restore-test" {
  requirement = "SR 7.3"
  zones       = ["scada"]
  verdict     = "pass"
  evidence    = "Restore of scada-02 from the weekly image tested on 2026-09-09 (ticket OPS-5521)"
  attested_by = "L. Evans, OT security lead"
  date        = "2026-09-09"
  expires     = "2026-12-09"
}
