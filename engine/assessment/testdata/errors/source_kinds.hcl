assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
# ERROR 6:8: Unknown source kind
source "asset" "inv" {
  files = ["evidence/*.csv"]
}
source "assets" "inv2" {
  files   = ["evidence/*.csv"]
  # ERROR 12:3: Unsupported argument
  colums  = { name = "Device" }
  columns = { name = "Device" }
  sheet   = "Sheet1"
}
source "pcap" "cap" {
  files  = ["evidence/*.csv"]
  # ERROR 19:3: Unsupported argument
  filter = "tcp"
}
source "netconfig" "sw" {
  files  = ["evidence/**/*.cfg"]
  vendor = "cisco-ios"
  # ERROR 25:3: Unexpected "rules" block
  rules {
    strict = true
  }
}
