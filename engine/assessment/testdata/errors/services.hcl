assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
zone "dmz" {
  kind      = "dmz"
  networks  = ["10.20.0.0/24"]
  sl_target = 2
  owner     = "IT"
}
zone "control" {
  kind      = "ot"
  networks  = ["10.30.0.0/24"]
  sl_target = 2
  owner     = "OT"
}
conduit "bad" {
  from = "dmz"
  to   = "control"
  services = [
    # ERROR 22:5: Invalid service
    "tcp/0",
    # ERROR 24:5: Invalid service
    "udp/65536",
    # ERROR 26:5: Invalid service
    "icmp/8",
    # ERROR 28:5: Invalid service
    "tcp/503-502",
    # ERROR 30:5: Invalid service
    "modbuss",
    # ERROR 32:5: Invalid service
    "tcp/",
    # ERROR 34:5: Invalid service
    "tcp/+443",
    # ERROR 36:5: Invalid service
    "tcp/502-",
    # ERROR 38:5: Invalid service
    "carrier-pigeon",
    # ERROR 40:5: Invalid service
    "syslog",
    "vnc",
    "https",
  ]
}
conduit "none" {
  from     = "control"
  to       = "dmz"
  # ERROR 49:14: No services
  services = []
}
