# What the consultant examined by hand during the audit of 2026-10-06.

attestation "integrator-access-procedure" {
  requirements = ["SR 1.3", "SR 1.4"]
  zones        = ["supervisory", "lines"]
  verdict      = "pass"
  evidence     = "Integrator access is requested per job (form MNT-07); accounts disabled between jobs, 8 requests sampled"
  attested_by  = "R. Jansen, consultant"
  date         = "2026-10-06"
  expires      = "2027-10-06"
}

attestation "usb-control-lines" {
  requirement = "SR 2.3"
  zones       = ["lines"]
  verdict     = "fail"
  evidence    = "USB ports on both line HMIs are open; no removable-media policy is applied"
  evidence_type = "observation"
  attested_by = "R. Jansen, consultant"
  date        = "2026-10-06"
  expires     = "2027-04-06"
}
