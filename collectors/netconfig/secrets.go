package netconfig

import (
	"strings"
)

// Strength classes of a stored credential, weakest first.
const (
	StrengthNone       = "none"       // no password at all
	StrengthPlaintext  = "plaintext"  // stored as written
	StrengthReversible = "reversible" // obfuscated: decodable without a key (Cisco type 7, Junos $9$)
	StrengthWeak       = "weak"       // a fast or broken hash (MD5 crypt, Cisco type 4)
	StrengthStrong     = "strong"     // a salted slow hash (SHA-256/512 crypt, PBKDF2, scrypt)
)

func secret(class, strength string, line int) Secret {
	return Secret{Class: class, Strength: strength, Line: line}
}

// hashClass classifies a crypt(3)-style hash by its prefix.
func hashClass(v string) (string, string, bool) {
	switch {
	case strings.HasPrefix(v, "$1$"):
		return "md5_crypt", StrengthWeak, true
	case strings.HasPrefix(v, "$5$"):
		return "sha256_crypt", StrengthStrong, true
	case strings.HasPrefix(v, "$6$"):
		return "sha512_crypt", StrengthStrong, true
	case strings.HasPrefix(v, "$8$"):
		return "sha256_type8", StrengthStrong, true
	case strings.HasPrefix(v, "$9$"):
		return "scrypt_type9", StrengthStrong, true
	case strings.HasPrefix(v, "$14$"):
		return "scrypt_type14", StrengthStrong, true
	}
	return "", "", false
}

// ciscoSecret classifies the credential after a Cisco-style "password" or
// "secret" keyword: args are the words that follow it.
func ciscoSecret(vendor, keyword string, args []string, line int) Secret {
	if len(args) == 0 {
		return secret("none", StrengthNone, line)
	}
	typ, val := "", args[0]
	if len(args) >= 2 && isSecretType(args[0]) {
		typ, val = args[0], args[1]
	}
	rest := args[1:]
	switch typ {
	case "0":
		return secret("plaintext", StrengthPlaintext, line)
	case "7":
		return secret("cisco_type7", StrengthReversible, line)
	case "4":
		return secret("sha256_type4", StrengthWeak, line)
	case "5":
		if c, s, ok := hashClass(val); ok && c != "md5_crypt" {
			return secret(c, s, line)
		}
		return secret("md5_type5", StrengthWeak, line)
	case "8":
		return secret("sha256_type8", StrengthStrong, line)
	case "9":
		return secret("scrypt_type9", StrengthStrong, line)
	case "sha512":
		return secret("sha512_crypt", StrengthStrong, line)
	case "10":
		// IOS-XR "secret 10": SHA-512 crypt.
		return secret("sha512_type10", StrengthStrong, line)
	case "6":
		// IOS-XE type 6: AES-encrypted under the device's master key,
		// which the configuration does not hold.
		return secret("aes_type6", StrengthStrong, line)
	}
	if vendor == VendorASA {
		for _, w := range rest {
			switch w {
			case "encrypted":
				return secret("asa_md5", StrengthWeak, line)
			case "pbkdf2":
				return secret("asa_pbkdf2", StrengthStrong, line)
			case "nt-encrypted":
				return secret("asa_nt", StrengthWeak, line)
			}
		}
	}
	if c, s, ok := hashClass(val); ok {
		if c == "md5_crypt" && vendor != VendorJunos {
			c = "md5_type5"
		}
		return secret(c, s, line)
	}
	return secret("plaintext", StrengthPlaintext, line)
}

func isSecretType(w string) bool {
	switch w {
	case "0", "4", "5", "6", "7", "8", "9", "10", "sha512":
		return true
	}
	return false
}

// junosSecret classifies a Junos encrypted-password or secret value.
func junosSecret(v string, line int) Secret {
	switch {
	case strings.HasPrefix(v, "$1$"):
		return secret("junos_md5", StrengthWeak, line)
	case strings.HasPrefix(v, "$5$"):
		return secret("junos_sha256", StrengthStrong, line)
	case strings.HasPrefix(v, "$6$"):
		return secret("junos_sha512", StrengthStrong, line)
	case strings.HasPrefix(v, "$9$"):
		return secret("junos_type9", StrengthReversible, line)
	}
	return secret("unknown", StrengthWeak, line)
}

// defaultCommunities are factory or widely guessed SNMP communities.
var defaultCommunities = map[string]bool{
	"public": true, "private": true, "cisco": true, "admin": true, "manager": true,
	"secret": true, "write": true, "read": true, "community": true, "snmp": true,
	"ilmi": true, "all private": true, "monitor": true, "test": true, "default": true,
	"netman": true, "security": true, "snmpd": true, "router": true, "switch": true,
}

func isDefaultCommunity(c string) bool { return defaultCommunities[strings.ToLower(c)] }
