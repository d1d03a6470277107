package it

// DefaultLogin reports whether user and secret are a vendor default or a
// well-known login, as the dissectors judge cleartext logins, so that
// readers of other evidence of the same traffic (Zeek's ftp and http
// logs) class them alike.
func DefaultLogin(user string, secret []byte) bool { return isDefaultLogin(user, secret) }

// DefaultCommunity reports whether an SNMP community is a vendor default.
func DefaultCommunity(community string) bool { return snmpDefaultCommunities[community] }
