# ERROR 2:1: Missing required argument
assessment "plant-a" {}
framework "iec62443-3-3" {}
# ERROR 8:1: Missing required argument
# ERROR 8:1: Missing required argument
# ERROR 8:1: Missing required argument
# ERROR 8:1: Missing required argument
zone "control" {}
# ERROR 12:1: Missing required argument
# ERROR 12:1: Missing required argument
# ERROR 12:1: Missing required argument
conduit "c" {}
# ERROR 14:1: Missing required argument
source "assets" "inv" {}
# ERROR 16:1: Missing required argument
policies {}
# ERROR 21:1: Missing required argument
# ERROR 21:1: Missing required argument
# ERROR 21:1: Missing required argument
# ERROR 21:1: Missing required argument
waiver "w" {}
