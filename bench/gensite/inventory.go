package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/slate-ot/slate/internal/benchsite"
)

var inventoryHeader = []string{"Hostname", "IP Address", "MAC Address", "Manufacturer", "Model", "Firmware", "Zone", "Criticality", "Last Patched", "End of Support"}

var models = map[string][][3]string{
	"it":  {{"Dell", "OptiPlex 7010", "1.21.0"}, {"Dell", "Latitude 7440", "1.14.1"}, {"Dell", "PowerEdge R650", "iDRAC 6.10"}},
	"dmz": {{"Dell", "PowerEdge R650", "iDRAC 6.10"}, {"Fortinet", "FortiGate 100F", "7.2.8"}},
	"ot": {{"Siemens", "S7-1516F-3 PN/DP", "V2.9.7"}, {"Siemens", "ET 200SP", "V4.2"}, {"Rockwell", "ControlLogix 5580", "33.011"},
		{"Schneider", "Modicon M580", "3.20"}, {"Siemens", "SIMATIC IPC527G", "V1.4"}},
}

// inventory writes every host: the CMDB's CSV export holds the IT, DMZ
// and central OT zones, one workbook per cell the cells. A few hundred
// rows break one inventory check each (as in engine's BenchmarkScale).
func (s *site) inventory(dir string) (csvRows, xlsxRows int, err error) {
	f, err := os.Create(filepath.Join(dir, "evidence", "inventory", "cmdb.csv"))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	cw := csv.NewWriter(bw)
	if err := cw.Write(inventoryHeader); err != nil {
		return 0, 0, err
	}
	i := 0
	for zi, z := range benchsite.Zones {
		var rows [][]string
		for n, ip := range s.hosts[zi] {
			rows = append(rows, assetRow(i, zi, n, ip))
			i++
		}
		if !strings.HasPrefix(z.Name, "cell-") {
			if err := cw.WriteAll(rows); err != nil {
				return 0, 0, err
			}
			csvRows += len(rows)
			continue
		}
		if err := writeRegister(filepath.Join(dir, "evidence", "inventory", z.Name+".xlsx"), rows); err != nil {
			return 0, 0, err
		}
		xlsxRows += len(rows)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return 0, 0, err
	}
	if err := bw.Flush(); err != nil {
		return 0, 0, err
	}
	return csvRows, xlsxRows, f.Close()
}

// ouis are an IEEE-registered prefix of each vendor the inventory names,
// so that the hardware addresses seen on the wire agree with it.
var ouis = map[string][3]byte{
	"Dell": {0x00, 0x14, 0x22}, "Fortinet": {0x00, 0x09, 0x0f}, "Siemens": {0x00, 0x0e, 0x8c},
	"Rockwell": {0x00, 0x00, 0xbc}, "Schneider": {0x00, 0x00, 0x54},
}

// hostMAC is the hardware address of host n of zone zi: its vendor's
// prefix, the zone and the host's number.
func hostMAC(zi, n int) [6]byte {
	z := benchsite.Zones[zi]
	o := ouis[models[z.Kind][n%len(models[z.Kind])][0]]
	v := zi<<19 | n
	return [6]byte{o[0], o[1], o[2], byte(v >> 16), byte(v >> 8), byte(v)}
}

func macString(m [6]byte) string {
	return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5])
}

// assetRow is the inventory row of host n of zone zi, the i-th asset.
func assetRow(i, zi, n int, ip string) []string {
	z := benchsite.Zones[zi]
	m := models[z.Kind][n%len(models[z.Kind])]
	name, mac, vendor, model, firmware, zone := fmt.Sprintf("%s-%05d", z.Name, n), macString(hostMAC(zi, n)), m[0], m[1], m[2], z.Name
	crit := []string{"Low", "Medium", "High", "Critical"}[n%4] // as a CMDB export writes them
	patched, eos := fmt.Sprintf("2026-%02d-%02d", n%9+1, n%28+1), fmt.Sprintf("20%d-12-31", 28+n%10)
	switch {
	case i%331 == 7: // completeness: no firmware
		firmware = ""
	case i%337 == 11: // lifecycle: past end of support
		eos = "2025-06-30"
	case i%347 == 13: // lifecycle: not patched for two years
		patched = "2024-02-01"
	case i%353 == 17: // zone assignment: inventory and network disagree
		zone = benchsite.Zones[(zi+1)%len(benchsite.Zones)].Name
	case i%359 == 19: // zone assignment: a zone the assessment does not declare
		zone = "legacy-lab"
	case i%367 == 23: // zone assignment: an address in no zone
		ip = fmt.Sprintf("172.16.%d.%d", n/250%256, n%250+1)
		zone = ""
	}
	return []string{name, ip, mac, vendor, model, firmware, zone, crit, patched, eos}
}

// writeRegister writes a cell's register: one sheet, Components, with the
// header in the first row.
func writeRegister(path string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Components"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Components")
	if err != nil {
		return err
	}
	row := make([]any, len(inventoryHeader))
	put := func(r int, vals []string) error {
		for i, v := range vals {
			row[i] = v
		}
		cell, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, row)
	}
	if err := put(1, inventoryHeader); err != nil {
		return err
	}
	for r, vals := range rows {
		if err := put(r+2, vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}
