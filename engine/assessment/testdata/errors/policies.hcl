assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
policies {
  # ERROR 11:24: Policy directory not found
  # ERROR 11:35: Policy path is not a directory
  # ERROR 11:50: Path escapes the assessment directory
  # ERROR 11:71: Path escapes the assessment directory
  # ERROR 11:79: Path escapes the assessment directory
  paths = ["policies", "missing", "notadir.txt", "../valid/policies", "/tmp", "policies/../.."]
}
