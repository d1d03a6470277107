assessment "plant-a" {
  site = "Plant A"
}
# ERROR 5:11: Unknown framework
framework "iec62443-3-2" {}
# ERROR 8:1: Missing required argument
# WARNING 8:11: Deprecated framework id
framework "nist-800-82r3" {}
framework "iec62443-3-3" {
  # ERROR 11:3: Unexpected baseline
  baseline = "high"
}
# ERROR 14:11: Unknown framework
framework "nist" {}
# ERROR 16:11: Duplicate framework name
framework "nist-800-53r5" {
  baseline = "low"
}
