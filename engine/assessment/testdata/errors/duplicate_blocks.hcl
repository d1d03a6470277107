assessment "plant-a" {
  site = "Plant A"
}
# ERROR 5:1: Duplicate assessment block
assessment "plant-b" {
  site = "Plant B"
}
framework "iec62443-3-3" {}
policies {
  paths = ["policies"]
}
# ERROR 13:1: Duplicate policies block
policies {
  paths = ["policies"]
}
output {
  formats = ["json"]
}
# ERROR 20:1: Duplicate output block
output {
  formats = ["md"]
}
