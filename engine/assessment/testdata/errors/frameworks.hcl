assessment "plant-a" {
  site = "Plant A"
}
# ERROR 5:11: Unknown framework
framework "iec62443-3-2" {}
# ERROR 7:1: Missing required argument
framework "nist-800-82r3" {}
framework "iec62443-3-3" {
  # ERROR 10:3: Unexpected baseline
  baseline = "high"
}
# ERROR 13:11: Unknown framework
framework "nist" {}
