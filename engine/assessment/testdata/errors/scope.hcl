assessment "plant-a" {
  site  = "Plant A"
  as_of = "2026-11-01"
}
framework "iec62443-3-3" {}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
source "pcap" "unknown-zone" {
  files = ["evidence/inventory.csv"]
  # ERROR 15:23: Unknown zone
  zones = ["control", "cel"]
}
source "pcap" "not-a-list" {
  files = ["evidence/inventory.csv"]
  # ERROR 20:11: Incorrect value type
  zones = "control"
}
source "pcap" "no-unit" {
  files           = ["evidence/inventory.csv"]
  # ERROR 25:21: Invalid min_observation
  min_observation = "24"
}
source "pcap" "months" {
  files           = ["evidence/inventory.csv"]
  # ERROR 30:21: Invalid min_observation
  min_observation = "3mo"
}
source "pcap" "zero" {
  files           = ["evidence/inventory.csv"]
  # ERROR 35:21: Invalid min_observation
  min_observation = "0h"
}
source "pcap" "too-long" {
  files           = ["evidence/inventory.csv"]
  # ERROR 40:21: Invalid min_observation
  min_observation = "400d"
}
source "pcap" "words" {
  files           = ["evidence/inventory.csv"]
  # ERROR 45:21: Invalid min_observation
  min_observation = "a day"
}
source "pcap" "fine" {
  files           = ["evidence/inventory.csv"]
  zones           = ["control"]
  min_observation = "90m"
}
source "assets" "not-here" {
  files = ["evidence/inventory.csv"]
  # ERROR 55:3: Unsupported argument
  zones = ["control"]
}
