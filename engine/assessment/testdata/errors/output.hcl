assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
output {
  # ERROR 7:13: Empty value
  dir     = ""
  # ERROR 11:22: Unknown output format
  # ERROR 11:29: Unknown output format
  # ERROR 11:37: Unknown output format
  formats = ["json", "pdf", "xslx", "csv"]
}
