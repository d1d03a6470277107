// Package assets reads asset inventories — CSV exports and XLSX workbooks
// from CMDBs, NetBox, Snipe-IT or a plant engineer's spreadsheet — into one
// evidence document of kind "assets".
//
// It owns finding the header row and mapping its columns to asset fields
// (name, ip, mac, vendor, model, firmware, zone, ...), normalising
// addresses and dates, placing assets in zones, and keeping secrets out of
// the evidence: columns that look like passwords or SNMP communities are
// recorded by name as a fact and their values are dropped.
//
// It describes what the inventory says and never decides compliance.
// Text, its encoding and line ends, and the CSV delimiter are read by
// collectors/internal/textin, as for every collector that reads CSV.
// Workbooks are opened by internal/workbook, within the source's limits
// (docs/limits.md). From this project it imports only the evidence
// package, textin and internal/workbook.
package assets
