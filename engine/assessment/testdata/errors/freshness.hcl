assessment "plant-a" {
  site  = "Plant A"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
source "pcap" "hours" {
  files   = ["evidence/inventory.csv"]
  # ERROR 9:13: Invalid max_age
  max_age = "72h"
}
source "pcap" "no-unit" {
  files   = ["evidence/inventory.csv"]
  # ERROR 14:13: Invalid max_age
  max_age = 30
}
source "pcap" "months" {
  files   = ["evidence/inventory.csv"]
  # ERROR 19:13: Invalid max_age
  max_age = "3mo"
}
source "pcap" "words" {
  files   = ["evidence/inventory.csv"]
  # ERROR 24:13: Invalid max_age
  max_age = "a month"
}
source "pcap" "centuries" {
  files   = ["evidence/inventory.csv"]
  # ERROR 29:13: Invalid max_age
  max_age = "99999999999999999999d"
}
source "netconfig" "bad-date" {
  files     = ["evidence/inventory.csv"]
  # ERROR 34:15: Invalid date
  collected = "2026-10-32"
}
source "netconfig" "later" {
  files     = ["evidence/inventory.csv"]
  max_age   = "2w"
  # WARNING 40:15: Evidence collected after the assessment date
  collected = "2026-11-02"
}
source "assets" "fine" {
  files     = ["evidence/inventory.csv"]
  max_age   = "0d"
  collected = "2026-11-01"
}
source "attestation" "review" {
  files   = ["evidence/inventory.csv"]
  # ERROR 50:3: Unsupported argument
  max_age = "30d"
}
source "assets" "typo" {
  files   = ["evidence/inventory.csv"]
  # ERROR 55:3: Unsupported argument
  max_agee = "30d"
}
