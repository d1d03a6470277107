assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
output {
  # ERROR 7:13: Output directory outside the assessment directory
  dir     = "../../x"
}
