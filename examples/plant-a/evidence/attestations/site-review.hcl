# Attestations recorded during the site review of 2026-10-12..14: what the
# consultant examined by hand for requirements no evidence file decides,
# and for the part of others that the checks cannot see. Each names the
# zones where it was examined: OT evidence (SCADA, HMIs, PLCs, the control
# room) speaks for the OT zones, never for the enterprise network.

attestation "account-management" {
  requirements = ["SR 1.3", "SR 1.4"]
  zones        = ["control", "cell"]
  verdict      = "pass"
  evidence     = "Joiner/mover/leaver procedure OT-SEC-04 rev 2; sample of 12 accounts traced to tickets"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-13"
  expires      = "2027-10-13"
}

attestation "human-user-authentication" {
  requirement = "SR 1.1"
  zones       = ["control", "cell"]
  verdict     = "pass"
  evidence    = "HMI and engineering station logon screens observed; no auto-logon configured"
  evidence_type = "observation"
  attested_by = "M. Keller, consultant"
  date        = "2026-10-13"
  expires     = "2027-10-13"
}

attestation "authenticator-feedback" {
  requirement   = "SR 1.10"
  zones         = ["dmz", "control", "cell"]
  verdict       = "pass"
  evidence      = "Password fields obscured on HMI, SCADA and VPN portal (screenshots S-03..S-05)"
  evidence_type = "photo"
  attested_by   = "M. Keller, consultant"
  date          = "2026-10-13"
  expires       = "2027-10-13"
}

attestation "unsuccessful-logins" {
  requirement = "SR 1.11"
  zones       = ["control"]
  verdict     = "pass"
  evidence    = "Domain lockout policy (5 attempts / 15 min) exported from the OT domain GPO report"
  attested_by = "M. Keller, consultant"
  date        = "2026-10-13"
  expires     = "2027-10-13"
}

attestation "no-wireless-in-ot" {
  requirements  = ["SR 1.6", "SR 2.2"]
  zones         = ["control", "cell"]
  verdict       = "not_applicable"
  evidence      = "RF walk-down of the control room and cell 1 with a spectrum analyser; no access points or wireless bridges found"
  evidence_type = "observation"
  attested_by   = "M. Keller, consultant"
  date          = "2026-10-14"
  expires       = "2027-04-14"
}

attestation "authorization-enforcement" {
  requirement = "SR 2.1"
  zones       = ["control"]
  verdict     = "pass"
  evidence    = "Role matrix OT-ROLES-2026 compared with SCADA user groups; operators cannot change setpoints outside their area"
  attested_by = "M. Keller, consultant"
  date        = "2026-10-13"
  expires     = "2027-10-13"
}

attestation "portable-media" {
  requirements = ["SR 2.3", "SR 2.4", "SR 2.5"]
  zones        = ["control"]
  verdict      = "pass"
  evidence     = "USB port blocking GPO, kiosk for media scanning at the control room entrance, screen lock after 10 min (GPO report)"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-13"
  expires      = "2027-10-13"
}

attestation "audit-capacity" {
  requirements = ["SR 2.9", "SR 2.10"]
  zones        = ["enterprise", "dmz"]
  verdict      = "pass"
  evidence     = "SIEM retention 400 days; disk alarms routed to the SOC (runbook SOC-17)"
  attested_by  = "A. Novak, IT security"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

# The cell's HMI panels run an embedded OS without malware protection and
# no allowlisting: recorded as not met.
attestation "malware-protection-cell" {
  requirement   = "SR 3.2"
  zones         = ["cell"]
  verdict       = "fail"
  evidence      = "Interview with the cell 1 maintenance lead; HMI panel build sheet HP-700 v4"
  evidence_type = "interview"
  attested_by   = "M. Keller, consultant"
  date          = "2026-10-14"
  expires       = "2027-10-14"
  note          = "HMI panels in cell 1 have neither anti-malware nor application allowlisting"
  severity      = "high"
  owner         = "OT"
  remediation   = "Deploy application allowlisting on the HMI panels or replace them with a supported build; scan all media at the kiosk before use in the cell."
}

attestation "malware-protection" {
  requirement = "SR 3.2"
  zones       = ["enterprise", "dmz", "control"]
  verdict     = "pass"
  evidence    = "EDR console export: all Windows hosts of the three zones reporting, signatures < 24 h old"
  attested_by = "A. Novak, IT security"
  date        = "2026-10-02"
  expires     = "2027-10-02"
}

attestation "input-validation" {
  requirements = ["SR 3.5", "SR 3.6"]
  zones        = ["control", "cell"]
  verdict      = "pass"
  evidence     = "Vendor security documentation for the SCADA and PLC families (Siemens ProductCERT statements)"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-13"
  expires      = "2027-10-13"
}

# The restore test was of the SCADA server: it speaks for the control room
# only. The IT side's backups need an attestation of their own.
attestation "backups" {
  requirements = ["SR 7.3", "SR 7.4"]
  zones        = ["control"]
  verdict      = "pass"
  evidence     = "Backup job report (last 30 days all green); restore test of scada-srv-01 on 2026-09-20"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-13"
  expires      = "2027-10-13"
}

# The cell's PLC project backups were last verified a year ago.
attestation "backups-cell" {
  requirements = ["SR 7.3", "SR 7.4"]
  zones        = ["cell"]
  verdict      = "pass"
  evidence     = "PLC project archive on the engineering station, restore drill 2025-09"
  attested_by  = "R. Brandt, OT engineer"
  date         = "2025-09-15"
  expires      = "2026-09-15"
}

attestation "emergency-power" {
  requirement   = "SR 7.5"
  zones         = ["control"]
  verdict       = "pass"
  evidence      = "UPS test log 2026-08 and photos P-0150..P-0153 of the control room UPS"
  evidence_type = "photo"
  attested_by   = "R. Brandt, OT engineer"
  date          = "2026-10-12"
  expires       = "2027-10-12"
}

attestation "dos-and-resources" {
  requirements = ["SR 7.1", "SR 7.2"]
  zones        = ["control", "cell"]
  verdict      = "pass"
  evidence     = "Storm control and QoS templates of the plant switches; SCADA server resource alarms"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-13"
  expires      = "2027-10-13"
}

attestation "config-settings" {
  requirement = "SR 7.6"
  zones       = ["control", "cell"]
  verdict     = "pass"
  evidence    = "Hardening baseline OT-BL-03 and its last audit report"
  attested_by = "M. Keller, consultant"
  date        = "2026-10-13"
  expires     = "2027-10-13"
}

attestation "physical-access" {
  requirements = ["PE-3", "PE-6"]
  zones        = ["control"]
  verdict      = "pass"
  evidence     = "Badge system export 2026-10-02 for the control room; CCTV coverage photos P-0142..P-0149"
  evidence_type = "photo"
  attested_by  = "M. Keller, consultant"
  date         = "2026-10-12"
  expires      = "2027-10-12"
}

# The IT side of the site (enterprise network and plant DMZ), attested by
# the IT security team from its own records.
attestation "it-wireless" {
  requirements = ["SR 1.6", "SR 2.2"]
  zones        = ["enterprise", "dmz"]
  verdict      = "pass"
  evidence     = "WLAN controller export: WPA2-Enterprise with 802.1X on every SSID; no wireless in the DMZ"
  attested_by  = "A. Novak, IT security"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "it-audit-and-monitoring" {
  requirements = ["SR 2.8", "SR 6.1"]
  zones        = ["enterprise", "dmz"]
  verdict      = "pass"
  evidence     = "SIEM onboarding list and audit policy GPO report; read access for the SOC and the OT lead"
  attested_by  = "A. Novak, IT security"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

attestation "it-communication-integrity" {
  requirements = ["SR 3.1", "SR 7.7"]
  zones        = ["enterprise", "dmz"]
  verdict      = "pass"
  evidence     = "SMB signing and LDAP signing GPOs; CIS hardening scan 2026-09 (servers 96% compliant, exceptions tracked)"
  attested_by  = "A. Novak, IT security"
  date         = "2026-10-02"
  expires      = "2027-10-02"
}

# The external test covered the enterprise network and the DMZ from the
# outside; the OT zones were out of its scope.
attestation "penetration-test" {
  requirement   = "SR 3.3"
  zones         = ["enterprise", "dmz"]
  verdict       = "pass"
  evidence      = "Penetration test report PT-2026-07 (external firm), findings re-tested 2026-09"
  attested_by   = "M. Keller, consultant"
  date          = "2026-10-13"
  expires       = "2027-07-31"
}
