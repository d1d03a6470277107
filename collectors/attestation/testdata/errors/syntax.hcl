attestation "unclosed" {
  requirement = "SR 1.1"
  verdict     = "pass"
  # ERROR 5:21: Missing newline after argument
  evidence    = "e" "f"
}
