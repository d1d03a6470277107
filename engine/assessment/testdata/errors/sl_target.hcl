assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "zero" {
  kind      = "ot"
  networks  = ["10.1.0.0/24"]
  # ERROR 9:15: Security level out of range
  sl_target = 0
  owner     = "OT"
}
zone "five" {
  kind      = "ot"
  networks  = ["10.2.0.0/24"]
  # ERROR 16:15: Security level out of range
  sl_target = 5
  owner     = "OT"
}
zone "half" {
  kind      = "ot"
  networks  = ["10.3.0.0/24"]
  # ERROR 23:15: Invalid number
  sl_target = 2.5
  owner     = "OT"
}
zone "word" {
  kind      = "ot"
  networks  = ["10.4.0.0/24"]
  # ERROR 30:15: Incorrect value type
  sl_target = "high"
  owner     = "OT"
}
zone "partial" {
  kind      = "ot"
  networks  = ["10.5.0.0/24"]
  # ERROR 37:15: Missing foundational requirement
  sl_target = { FR1 = 2, FR2 = 2, FR3 = 2, FR4 = 2, FR5 = 2 }
  owner     = "OT"
}
zone "keys" {
  kind     = "ot"
  networks = ["10.6.0.0/24"]
  sl_target = {
    # ERROR 45:56: Security level out of range
    FR1 = 2, FR2 = 2, FR3 = 2, FR4 = 2, FR5 = 2, FR6 = 9, FR7 = 2
    # ERROR 47:5: Unknown foundational requirement
    FR8 = 1
    # ERROR 49:5: Unknown foundational requirement
    fr1 = 1
  }
  owner = "OT"
}
zone "list" {
  kind      = "ot"
  networks  = ["10.7.0.0/24"]
  # ERROR 57:15: Incorrect value type
  sl_target = [2, 2]
  owner     = "OT"
}
