// Package assessment reads and checks assessment.hcl, the file that names a
// site, its zones and conduits, the frameworks it is scored against, the
// evidence sources to collect, policy directories, waivers and outputs.
//
// Load reports every problem it finds at once, as hcl.Diagnostics with a
// place in the file, so that a user fixes a file in one pass. Checks that
// need knowledge owned elsewhere (which source kinds exist, which
// requirement ids a catalog defines, which report formats there are) come
// in through LoadOptions: this package imports nothing from collectors,
// policies or reports. What it loads is plain data of engine/model, which
// later stages read without the HCL parser.
package assessment
