assessment "plant-a" {
  site = "Plant A"
}
framework "iec62443-3-3" {}
policies {
  # ERROR 12:5: Invalid OCI reference
  # ERROR 13:5: Policy pack not pinned by digest
  # ERROR 14:5: Policy pack not pinned by digest
  # ERROR 15:5: Invalid OCI reference
  # ERROR 16:5: Invalid OCI reference
  oci = [
    "packs/ot-extra@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "registry.example.com/packs/ot-extra:1.0",
    "oci://localhost:5000/packs/ot-extra",
    "registry.example.com/packs/ot-extra@sha256:1234",
    "registry.example.com/Packs/ot-extra@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "registry.example.com/packs/ot-extra:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "oci://localhost:5000/packs/ot-extra@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  ]
}
