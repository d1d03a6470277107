// Package advisory is the typed model of security advisories (CSAF 2.0
// documents) and of the CISA Known Exploited Vulnerabilities catalog, with
// the matching of advisories against the assets of a site: the inventory's
// records and the device identities read off the wire.
//
// It is data and a pure function over it: collectors read files into
// these types, the engine matches them against the assets it holds and
// gives the policies the matches. It imports only evidence/advisory/vers.
package advisory
