package traffic

import (
	"regexp"
	"slices"
	"strings"
)

// Identity is what the facts of one flow say of the device at its server
// end: its maker, model or order number and firmware, read off the wire.
// Advisory matching reads it (evidence/advisory's Subject).
type Identity struct {
	Vendor      string `json:"vendor,omitempty"`
	Model       string `json:"model,omitempty"`
	OrderNumber string `json:"order_number,omitempty"`
	Firmware    string `json:"firmware,omitempty"`
	// CPE is set for software a banner names by its usual product name
	// (OpenSSH, Apache httpd...): the NVD's vendor and product for it,
	// with the banner's version.
	CPE string `json:"cpe,omitempty"`
	// Banner is set when the identity is read from free text a server
	// sends about itself (an SNMP sysDescr, an HTTP Server header, an SSH
	// version string, a TLS certificate's subject) rather than from a
	// device identification service (Modbus device identification, CIP
	// identity, S7 SZL, BACnet device properties). A banner names software
	// more often than the device, says its vendor seldom, and may be
	// changed by whoever runs the server.
	Banner bool `json:"banner,omitempty"`
	// From lists the attributes the identity was read from, sorted:
	// the provenance a match cites with the flow and document.
	From []string `json:"from"`
}

// identitySource says which attributes of a protocol's facts give which
// field of an Identity; the first attribute that is set wins.
type identitySource struct {
	vendor, model, order, firmware []string
	// banner is the attribute holding a banner, parsed by parse.
	banner string
	parse  func(string) Identity
}

// identitySources are the protocols whose facts identify a device, with
// the attributes that do: the capture dissectors' names and those the
// Zeek and Suricata readers record under the same names.
var identitySources = map[string]identitySource{
	"modbus": {vendor: []string{"device_vendor"}, model: []string{"model_name", "product_name"}, order: []string{"product_code"}, firmware: []string{"revision"}},
	"enip":   {vendor: []string{"device_vendor"}, model: []string{"product_name"}, order: []string{"product_code"}, firmware: []string{"revision"}},
	"s7comm": {model: []string{"module_type"}, order: []string{"order_number"}, firmware: []string{"firmware"}},
	"bacnet": {vendor: []string{"device_vendor"}, model: []string{"model_name"}, firmware: []string{"firmware_revision", "application_software_version"}},
	"snmp":   {banner: "sys_descr", parse: parseSysDescr},
	"http":   {banner: "server", parse: parseProductBanner},
	"ssh":    {banner: "server_software", parse: parseSSHBanner},
	"tls":    {banner: "cert_subject", parse: parseCertSubject},
}

// otherIdentity reads the facts of a protocol identitySources does not
// list by the names Modbus device identification uses, which readers of
// other sources follow.
var otherIdentity = identitySources["modbus"]

// identityLists are the protocols of identitySources and every attribute
// they read, sorted: the flows the engine's index selects as "identity".
func identityLists() (protocols, attrs []string) {
	for p, src := range identitySources {
		protocols = append(protocols, p)
		attrs = append(attrs, src.vendor...)
		attrs = append(attrs, src.model...)
		attrs = append(attrs, src.order...)
		attrs = append(attrs, src.firmware...)
		if src.banner != "" {
			attrs = append(attrs, src.banner)
		}
	}
	slices.Sort(protocols)
	slices.Sort(attrs)
	return protocols, slices.Compact(attrs)
}

// DeviceIdentities returns the identities the facts of a flow of protocol
// hold, none when they hold no vendor, model, order number or CPE. Values
// recorded several times ("a|b") are kept as they are for the fields of
// an identification service (a firmware of "V1|V2" places in no range),
// and give one identity each for a banner.
func DeviceIdentities(protocol string, attrs map[string]string) []Identity {
	src, ok := identitySources[protocol]
	if !ok {
		src = otherIdentity
	}
	if src.banner != "" {
		v := attrs[src.banner]
		if v == "" {
			return nil
		}
		var out []Identity
		for _, b := range strings.Split(v, "|") {
			id := src.parse(strings.TrimSpace(b))
			if id.Vendor == "" && id.Model == "" && id.OrderNumber == "" && id.CPE == "" {
				continue
			}
			id.Banner, id.From = true, []string{src.banner}
			out = append(out, id)
		}
		return out
	}
	var id Identity
	first := func(keys []string) string {
		for _, k := range keys {
			if v := strings.TrimSpace(attrs[k]); v != "" {
				id.From = append(id.From, k)
				return v
			}
		}
		return ""
	}
	id.Vendor, id.Model, id.OrderNumber, id.Firmware = first(src.vendor), first(src.model), first(src.order), first(src.firmware)
	if id.Vendor == "" && id.Model == "" && id.OrderNumber == "" {
		return nil
	}
	slices.Sort(id.From)
	return []Identity{id}
}

// versionWord is a version as banners write it: digits and dots, with a
// leading "V" and trailing letters allowed ("V05.04.02", "7.4p1",
// "2.4.41").
var versionWord = regexp.MustCompile(`(?i)\bv?\d+(?:\.\d+)+[a-z0-9]*\b`)

// firmwareVersion finds the firmware version in a sysDescr: the version
// after "FW", "firmware" or "software version" when it says so, else
// the only version in the text; "" when it has several and does not say
// which is the firmware's.
var firmwareLabel = regexp.MustCompile(`(?i)\b(?:fw|firmware|firmware version|software version|sw)\s*[:=]?\s*(?:version\s*)?(v?\d+(?:\.\d+)+[a-z0-9]*)`)

func parseSysDescr(s string) Identity {
	id := Identity{Model: s}
	if m := firmwareLabel.FindStringSubmatch(s); m != nil {
		id.Firmware = m[1]
		return id
	}
	if vs := slices.Compact(versionWord.FindAllString(s, -1)); len(vs) == 1 {
		id.Firmware = vs[0]
	}
	return id
}

// softwareCPEs are the NVD CPE vendor and product of software that
// banners name, by the banner's product name in lower case.
var softwareCPEs = map[string]string{
	"openssh":       "openbsd:openssh",
	"dropbear":      "dropbear_ssh_project:dropbear_ssh",
	"apache":        "apache:http_server",
	"nginx":         "f5:nginx",
	"lighttpd":      "lighttpd:lighttpd",
	"microsoft-iis": "microsoft:internet_information_services",
	"goahead":       "embedthis:goahead",
	"boa":           "boa:boa",
}

// softwareIdentity is a banner's software as an identity: the product
// as model, its version as firmware, and a CPE when the product is one
// softwareCPEs knows.
func softwareIdentity(product, version string) Identity {
	id := Identity{Model: product, Firmware: version}
	if p, ok := softwareCPEs[strings.ToLower(product)]; ok && version != "" {
		id.CPE = "cpe:2.3:a:" + p + ":" + strings.ToLower(version) + ":*:*:*:*:*:*:*"
	}
	return id
}

// parseProductBanner reads an HTTP Server header (RFC 9110 10.2.4):
// product tokens "name/version", the first naming the server
// ("Apache/2.4.41 (Ubuntu)", "lighttpd/1.4.35"); a header without a
// version gives the product only.
func parseProductBanner(s string) Identity {
	first, _, _ := strings.Cut(s, " ")
	product, version, _ := strings.Cut(first, "/")
	if product == "" {
		return Identity{}
	}
	return softwareIdentity(product, version)
}

// parseSSHBanner reads the software version of an SSH identification
// string (RFC 4253 4.2), "OpenSSH_7.4p1", "dropbear_2019.78",
// "RomSShell_4.62": the product, "_" and the version by convention.
func parseSSHBanner(s string) Identity {
	sw, _, _ := strings.Cut(s, " ")
	product, version, ok := strings.Cut(sw, "_")
	if !ok {
		product, version, _ = strings.Cut(sw, "-")
	}
	if product == "" {
		return Identity{}
	}
	if m := versionWord.FindString(version); m != "" {
		version = m
	}
	return softwareIdentity(product, version)
}

// parseCertSubject reads a certificate subject written "K=v, K=v" (the
// capture dissector's and Suricata's form): the organisation is the
// vendor and the common name with the organisational unit the model,
// unless the common name is a host name or address, as it mostly is.
func parseCertSubject(s string) Identity {
	var id Identity
	var cn, ou string
	for _, part := range strings.Split(s, ", ") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "O":
			id.Vendor = strings.TrimSpace(v)
		case "OU":
			ou = strings.TrimSpace(v)
		case "CN":
			cn = strings.TrimSpace(v)
		}
	}
	if hostLike(cn) {
		cn = ""
	}
	id.Model = strings.TrimSpace(ou + " " + cn)
	if id.Model == "" {
		return Identity{}
	}
	return id
}

// hostLike reports whether a common name is a host name or address: no
// spaces and a dot, or a wildcard.
func hostLike(s string) bool {
	return strings.HasPrefix(s, "*.") || !strings.Contains(s, " ") && strings.Contains(s, ".")
}
