assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
source "assets" "inv" {
  files = [
    "evidence/*.csv",
    # ERROR 9:5: No file matches "evidence/none-*.csv"
    "evidence/none-*.csv",
    # ERROR 11:5: Path escapes the assessment directory
    "../valid/evidence/*.csv",
    # ERROR 13:5: Path escapes the assessment directory
    "/etc/passwd",
    # ERROR 15:5: Path escapes the assessment directory
    "evidence/../../valid/assessment.hcl",
    # ERROR 17:5: Malformed file pattern
    "evidence/[a.csv",
    # ERROR 19:5: Directory, not a file
    "evidence",
    # ERROR 21:5: Empty file pattern
    "",
    "evidence/**/*.cfg",
    # ERROR 24:5: Malformed file pattern
    "evidence/**/[x.cfg",
  ]
}
source "netconfig" "nothing" {
  # ERROR 29:11: No file patterns
  files = []
}
