# ERROR 1:1: Missing assessment block
# ERROR 1:1: Missing framework block
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
