package badinput

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	wt "github.com/slate-ot/slate/internal/workbook/workbooktest"
)

// The exit codes of the suite, slate's ExitUsage and ExitEvidence (the
// test checks they agree).
const (
	Usage    = 2 // a broken assessment: a path that escapes its directory
	Evidence = 3 // an evidence file that is missing, corrupt or over a limit
)

// Placeholders in a case's commands and outputs: the assessment
// directory, the output the command must not leave, and the directory
// above the assessment.
const (
	Site = "$SITE"
	Out  = "$OUT"
	Root = "$ROOT"
)

// File is one file of a case's assessment directory.
type File struct {
	Path string // relative to the assessment directory, with slashes
	Body []byte
	// Size, when above len(Body), extends the file to that size with a
	// hole: a file over a size limit that takes no disk.
	Size int64
	// Parts, when set, make the file a workbook (Body is then unused).
	Parts []wt.Part
	// Link makes the file a symbolic link to Link, relative to the
	// directory above the assessment's.
	Link string
	// Dir makes the path a directory.
	Dir bool
}

// Case is one bad input in an assessment that reads it.
type Case struct {
	Name   string // reader and fault, like "pcap/cut in a packet"
	Reader string // the source kind or the part of slate that reads it
	Doc    string // the fault in a few words, for docs/bad-input.md
	// Blocks are the assessment's blocks besides the assessment, the
	// framework and the zone: the source that reads the file.
	Blocks string
	Files  []File
	// Commands are slate's argument lists; each must end with Exit and
	// write none of Outputs. Placeholders are replaced by the test.
	Commands [][]string
	Outputs  []string
	Exit     int
	// Incomplete cases are read in part, not refused: the run ends with
	// exit 0 or 1 (Exit is 0), writes its output, warns on stderr with
	// Want, and marks the document incomplete in bundle.json.
	Incomplete bool
	// Want are the words stderr must hold: the file, the place in it (a
	// line, a byte offset, a part) and, past a limit, the limit.
	Want []string
}

// assess is the command most cases run.
var assess = []string{"assess", Site, "--out", Out, "--as-of", "2026-11-01"}

const head = `assessment "bad" {
  site = "Bad input"
}
framework "iec62443-3-3" {}
zone "cell" {
  kind      = "ot"
  owner     = "OT"
  networks  = ["10.10.1.0/24"]
  sl_target = 2
}
`

// Write creates the case under root: the assessment in root/site, and
// root/outside, a directory with a policy and an evidence file that links
// may lead to. It returns the assessment directory.
func (c Case) Write(root string) (string, error) {
	site := filepath.Join(root, "site")
	outside := filepath.Join(root, "outside")
	for _, d := range []string{site, outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "extra.rego"), []byte(outsidePolicy), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(outside, "inventory.csv"), []byte(inventoryCSV), 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(site, "assessment.hcl"), []byte(head+c.Blocks), 0o644); err != nil {
		return "", err
	}
	for _, f := range c.Files {
		p := filepath.Join(site, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		var err error
		switch {
		case f.Dir:
			err = os.MkdirAll(p, 0o755)
		case f.Link != "":
			err = os.Symlink(filepath.Join(root, filepath.FromSlash(f.Link)), p)
		case f.Parts != nil:
			err = wt.Write(p, f.Parts...)
		default:
			err = os.WriteFile(p, f.Body, 0o644)
			if err == nil && f.Size > int64(len(f.Body)) {
				err = os.Truncate(p, f.Size)
			}
		}
		if err != nil {
			return "", err
		}
	}
	return site, nil
}

// Expand replaces the placeholders in s.
func Expand(s, root, out string) string {
	return strings.NewReplacer(Site, filepath.Join(root, "site"), Out, out, Root, root).Replace(s)
}

const mib = 1 << 20

// Cases returns the suite, in the order of docs/bad-input.md.
func Cases() []Case {
	var cs []Case
	for _, group := range [][]Case{pcapCases(), netconfigCases(), assetsCases(), workbookCases(),
		mfaCases(), advisoryCases(), kevCases(), attestationCases(), zeekCases(), suricataCases(), pathCases()} {
		cs = append(cs, group...)
	}
	for i := range cs {
		if cs[i].Commands == nil {
			cs[i].Commands = [][]string{assess}
			if cs[i].Incomplete {
				cs[i].Commands = [][]string{append(slices.Clone(assess), "--format", "json")}
			}
		}
		if cs[i].Outputs == nil && !cs[i].Incomplete {
			cs[i].Outputs = []string{Out}
		}
	}
	return cs
}

func source(kind, file string, opts ...string) string {
	return fmt.Sprintf("source %q \"in\" {\n  files = [%q]\n%s}\n", kind, file, strings.Join(opts, ""))
}

// --- captures ---

// pcapFile is a classic little-endian capture of Ethernet frames.
func pcapFile(packets ...[]byte) []byte {
	var b bytes.Buffer
	hdr := []uint32{0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1}
	for i, v := range hdr {
		if i == 1 { // version 2.4: two 16-bit fields
			_ = binary.Write(&b, binary.LittleEndian, uint16(2))
			_ = binary.Write(&b, binary.LittleEndian, uint16(4))
			continue
		}
		_ = binary.Write(&b, binary.LittleEndian, v)
	}
	for i, p := range packets {
		rec := []uint32{1793174400 + uint32(i), 0, uint32(len(p)), uint32(len(p))}
		_ = binary.Write(&b, binary.LittleEndian, rec)
		b.Write(p)
	}
	return b.Bytes()
}

// modbusFrame is an Ethernet/IPv4/TCP frame from 10.10.1.5 to 10.10.1.10
// port 502 with a Modbus read request.
func modbusFrame(seq uint32) []byte {
	payload := []byte{0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10}
	tcp := make([]byte, 20)
	binary.BigEndian.PutUint16(tcp[0:], 49152)
	binary.BigEndian.PutUint16(tcp[2:], 502)
	binary.BigEndian.PutUint32(tcp[4:], seq)
	tcp[12] = 5 << 4
	tcp[13] = 0x18 // PSH ACK
	binary.BigEndian.PutUint16(tcp[14:], 8192)
	ip := make([]byte, 20)
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(20+len(tcp)+len(payload)))
	ip[8], ip[9] = 64, 6
	copy(ip[12:], []byte{10, 10, 1, 5})
	copy(ip[16:], []byte{10, 10, 1, 10})
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	eth := []byte{0, 0x1d, 0x9c, 0, 0, 0x0a, 0, 0x1d, 0x9c, 0, 0, 0x05, 0x08, 0x00}
	return append(append(append(eth, ip...), tcp...), payload...)
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	_, _ = w.Write(b)
	_ = w.Close()
	return out.Bytes()
}

func pcapCases() []Case {
	var frames [][]byte
	for i := range 200 {
		frames = append(frames, modbusFrame(uint32(1000+12*i)))
	}
	good := pcapFile(frames...)
	src := source("pcap", "evidence/span.pcap")
	srcGz := source("pcap", "evidence/span.pcap.gz")
	cutPacket := good[:24+16+30]
	badRecord := append([]byte(nil), good[:24+16+len(frames[0])]...)
	badRecord = append(badRecord, bytes.Repeat([]byte{0xff}, 16)...) // a record header of 4 GiB
	pcapng := []byte{0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0}
	var many [][]byte
	for i := range 4000 {
		many = append(many, modbusFrame(uint32(1000+12*i)))
	}
	zipped := gz(pcapFile(many...))
	return []Case{{
		Name: "pcap/cut in the file header", Reader: "pcap", Doc: "a capture cut inside its 24-byte file header",
		Blocks: src, Files: []File{{Path: "evidence/span.pcap", Body: good[:10]}},
		Incomplete: true, Want: []string{"warning", "span.pcap: byte 10", "ends inside its header"},
	}, {
		Name: "pcap/cut in a packet", Reader: "pcap", Doc: "a capture cut inside its first packet",
		Blocks: src, Files: []File{{Path: "evidence/span.pcap", Body: cutPacket}},
		Incomplete: true, Want: []string{"warning", "span.pcap: byte 24", "ends early"},
	}, {
		Name: "pcap/garbage", Reader: "pcap", Doc: "text where a capture is expected",
		Blocks: src, Files: []File{{Path: "evidence/span.pcap", Body: []byte("this is not a packet capture\n")}},
		Exit: Evidence, Want: []string{"span.pcap", "neither pcap nor pcapng", "magic bytes 74 68 69 73"},
	}, {
		Name: "pcap/record of 4 GiB", Reader: "pcap", Doc: "a packet record header claiming 4 GiB",
		Blocks: src, Files: []File{{Path: "evidence/span.pcap", Body: badRecord}},
		Incomplete: true, Want: []string{"warning", "span.pcap: byte 106", "after 1 packets"},
	}, {
		Name: "pcapng/cut in the section header", Reader: "pcap", Doc: "a pcapng file cut inside its first block",
		Blocks: src, Files: []File{{Path: "evidence/span.pcap", Body: pcapng}},
		Incomplete: true, Want: []string{"warning", "span.pcap: byte 15", "ends inside its header"},
	}, {
		Name: "pcap/gzip cut", Reader: "pcap", Doc: "a gzip-compressed capture cut in half",
		Blocks: srcGz, Files: []File{{Path: "evidence/span.pcap.gz", Body: zipped[:len(zipped)/2]}},
		Incomplete: true, Want: []string{"warning", "span.pcap.gz: byte", "decompressed"},
	}}
}

// --- network configurations ---

func netconfigCases() []Case {
	src := source("netconfig", "evidence/sw.cfg")
	return []Case{{
		Name: "netconfig/garbage", Reader: "netconfig", Doc: "binary garbage where a configuration is expected",
		Blocks: src, Files: []File{{Path: "evidence/sw.cfg", Body: []byte("\x7fELF\x02\x01\x01\x00\x00\x00garbage\x00\xff\xfe")}},
		Exit: Evidence, Want: []string{"sw.cfg:1", "binary"},
	}, {
		Name: "netconfig/over max_file_mib", Reader: "netconfig", Doc: "a configuration of 65 MiB (limit 64 MiB)",
		Blocks: src, Files: []File{{Path: "evidence/sw.cfg", Body: []byte("hostname sw\n"), Size: 65 * mib}},
		Exit: Evidence, Want: []string{"sw.cfg", "max_file_mib"},
	}}
}

// --- asset inventories (CSV) ---

const inventoryCSV = "Hostname,IP Address,Model\nplc-01,10.10.1.10,S7-1500\nhmi-01,10.10.1.20,TP1200\n"

func assetsCases() []Case {
	src := source("assets", "evidence/inventory.csv")
	long := "Hostname,IP Address,Model\nplc-01,10.10.1.10," + strings.Repeat("x", mib+10) + "\n"
	return []Case{{
		Name: "assets/ragged CSV", Reader: "assets", Doc: "a row with more fields than the header",
		Blocks: src, Files: []File{{Path: "evidence/inventory.csv", Body: []byte(inventoryCSV + "plc-02,10.10.1.11,S7-1500,extra,more\n")}},
		Exit: Evidence, Want: []string{"inventory.csv:4", "5 fields"},
	}, {
		Name: "assets/binary CSV", Reader: "assets", Doc: "a NUL byte in the CSV body",
		Blocks: src, Files: []File{{Path: "evidence/inventory.csv", Body: []byte(inventoryCSV + "plc-02,\x00\x01\x02,S7\n")}},
		Exit: Evidence, Want: []string{"inventory.csv: byte 84", "NUL"},
	}, {
		Name: "assets/line over 1 MiB", Reader: "assets", Doc: "a CSV line longer than 1 MiB",
		Blocks: src, Files: []File{{Path: "evidence/inventory.csv", Body: []byte(long)}},
		Exit: Evidence, Want: []string{"inventory.csv:2", "1 MiB"},
	}, {
		Name: "assets/binary tail, sparse", Reader: "assets", Doc: "a CSV file of 100 MiB whose last 99.9 MiB are a hole (NUL bytes)",
		Blocks: src, Files: []File{{Path: "evidence/inventory.csv", Body: []byte("Hostname,IP Address,Model\nplc-01,10.10.1.10," + strings.Repeat("x", 64<<10)), Size: 100 * mib}},
		Exit: Evidence, Want: []string{"inventory.csv: byte 65580", "NUL"},
	}}
}

// --- workbooks ---

func workbookCases() []Case {
	header := wt.SheetHead + wt.Rows(1, wt.Inventory...)
	base := wt.Base(wt.Sheet(wt.Inventory...), "plc-01")
	var bigParts []wt.Part
	for i := range 5 {
		bigParts = append(bigParts, wt.Part{Name: "xl/media/image" + string(rune('1'+i)) + ".png", Body: strings.Repeat("\x00", mib), Times: 250})
	}
	src := source("assets", "evidence/inventory.xlsx")
	both := [][]string{assess, {"import-workbook", Site + "/evidence/inventory.xlsx", "--out", Out, "--auditor", "R. Auditor"}}
	book := func(name, doc string, parts []wt.Part, want ...string) Case {
		return Case{Name: "workbook/" + name, Reader: "assets, import-workbook", Doc: doc, Blocks: src,
			Files: []File{{Path: "evidence/inventory.xlsx", Parts: parts}}, Commands: both,
			Exit: Evidence, Want: append([]string{"inventory.xlsx"}, want...)}
	}
	return []Case{
		book("shared string of 900 MiB", "one shared string of 900 MiB (past max_part_bytes)",
			wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 900, Tail: `</t></si></sst>`}),
			"xl/sharedStrings.xml", "max_part_bytes"),
		book("shared string of 200 MiB", "one shared string of 200 MiB (past max_cell_chars)",
			wt.With(base, wt.Part{Name: wt.StringsPart, Head: `<sst><si><t>`, Body: strings.Repeat("A", mib), Times: 200, Tail: `</t></si></sst>`}),
			"xl/sharedStrings.xml", "shared string 0 holds more than 32767 characters", "max_cell_chars"),
		book("900 MiB of white space in the sheet", "900 MiB of white space in a sheet",
			wt.With(base, wt.Part{Name: wt.SheetPart, Head: header, Body: strings.Repeat(" ", mib), Times: 900, Tail: wt.SheetTail}),
			"xl/worksheets/sheet1.xml", "max_part_bytes"),
		book("parts inflating to 1.25 GiB", "images inflating to 1.25 GiB in all (past max_workbook_bytes)",
			wt.With(base, bigParts...), "xl/media/image5.png", "max_workbook_bytes"),
		book("part inflating past its declared size", "a sheet inflating past the size its zip entry declares",
			wt.With(base, wt.Part{Name: wt.SheetPart, Head: header, Body: strings.Repeat(" ", mib), Times: 900, Tail: wt.SheetTail, Declared: 64 << 10}),
			"xl/worksheets/sheet1.xml", "corrupt zip member"),
		book("row 99999999999", "a row numbered 99,999,999,999 after the header",
			wt.With(base, wt.Part{Name: wt.SheetPart, Head: header + `<row r="99999999999"><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>` + wt.SheetTail}),
			"xl/worksheets/sheet1.xml", "row number 99999999999 is beyond Excel's last row, 1048576"),
		book("sheet cut in a row", "a sheet whose XML ends in a row",
			wt.With(base, wt.Part{Name: wt.SheetPart, Head: wt.Sheet(wt.Inventory...)[:1000]}),
			"xl/worksheets/sheet1.xml", "the XML ends early", "row 4"),
		book("garbage in a row", "control bytes in a sheet's XML",
			wt.With(base, wt.Part{Name: wt.SheetPart, Head: header + `<row r="7"><c r="A7" t="inlineStr"><is><t>x</t></is></c><c r="B7" t="inlineStr"><is><t>\x01\x02</t></is>` + "\x00\xff" + `</c></row>` + wt.SheetTail}),
			"xl/worksheets/sheet1.xml", "malformed XML"),
		{Name: "workbook/not a zip", Reader: "assets, import-workbook", Doc: "a zip header and garbage where a workbook is expected", Blocks: src,
			Files: []File{{Path: "evidence/inventory.xlsx", Body: []byte("PK\x03\x04\x14\x00garbage")}}, Commands: both,
			Exit: Evidence, Want: []string{"inventory.xlsx", "not an XLSX workbook"}},
	}
}

// --- identity exports ---

func mfaCases() []Case {
	entra := func(body string) []File { return []File{{Path: "evidence/users.json", Body: []byte(body)}} }
	csvSrc := source("mfa", "evidence/users.csv", "  format = \"csv\"\n")
	csvHead := "Username,Groups,MFA Enforced\nj.meyer,OT-Engineers,yes\n"
	return []Case{{
		Name: "mfa/wrong JSON", Reader: "mfa", Doc: "an Entra export whose value is a number",
		Blocks: source("mfa", "evidence/users.json", "  format = \"entra\"\n"), Files: entra(`{"value": 5}`),
		Exit: Evidence, Want: []string{"users.json: $", "not a recognised"},
	}, {
		Name: "mfa/JSON cut short", Reader: "mfa", Doc: "an Okta export cut inside a record",
		Blocks: source("mfa", "evidence/users.json", "  format = \"okta\"\n"), Files: entra("[\n  {\"id\": \"00u1\", \"status\": \"ACT"),
		Exit: Evidence, Want: []string{"users.json:2: column 32"},
	}, {
		Name: "mfa/ragged CSV", Reader: "mfa", Doc: "a row with more fields than the header",
		Blocks: csvSrc, Files: []File{{Path: "evidence/users.csv", Body: []byte(csvHead + "a.okafor,OT-Admins,yes,extra\n")}},
		Exit: Evidence, Want: []string{"users.csv:3"},
	}, {
		Name: "mfa/line over 1 MiB", Reader: "mfa", Doc: "a CSV line longer than 1 MiB",
		Blocks: csvSrc, Files: []File{{Path: "evidence/users.csv", Body: []byte(csvHead + "a.okafor," + strings.Repeat("G", mib+10) + ",yes\n")}},
		Exit: Evidence, Want: []string{"users.csv:3", "1 MiB"},
	}, {
		Name: "mfa/over max_file_mib", Reader: "mfa", Doc: "an export of 257 MiB (limit 256 MiB)",
		Blocks: csvSrc, Files: []File{{Path: "evidence/users.csv", Body: []byte(csvHead), Size: 257 * mib}},
		Exit: Evidence, Want: []string{"users.csv", "max_file_mib"},
	}}
}

// --- advisories and the KEV catalog ---

func advisoryCases() []Case {
	src := source("advisories", "evidence/csaf.json")
	return []Case{{
		Name: "advisories/wrong JSON", Reader: "advisories", Doc: "a CSAF document whose document is a number",
		Blocks: src, Files: []File{{Path: "evidence/csaf.json", Body: []byte("{\n  \"document\": 3\n}\n")}},
		Exit: Evidence, Want: []string{"csaf.json", "document.csaf_version"},
	}, {
		Name: "advisories/not JSON", Reader: "advisories", Doc: "a CSAF file cut short",
		Blocks: src, Files: []File{{Path: "evidence/csaf.json", Body: []byte("{\n  \"document\": {\n    \"title\": \"x\",\n")}},
		Exit: Evidence, Want: []string{"csaf.json:4", "not JSON"},
	}, {
		Name: "advisories/over max_file_mib", Reader: "advisories", Doc: "a CSAF document of 65 MiB (limit 64 MiB)",
		Blocks: src, Files: []File{{Path: "evidence/csaf.json", Body: []byte("{"), Size: 65 * mib}},
		Exit: Evidence, Want: []string{"csaf.json", "max_file_mib"},
	}}
}

func kevCases() []Case {
	src := source("kev", "evidence/kev.json")
	return []Case{{
		Name: "kev/wrong JSON", Reader: "kev", Doc: "a catalog whose vulnerabilities are a string",
		Blocks: src, Files: []File{{Path: "evidence/kev.json", Body: []byte(`{"title": "t", "catalogVersion": "2025.08.25", "dateReleased": "2025-08-25T17:04:19Z", "count": 0, "vulnerabilities": "none"}`)}},
		Exit: Evidence, Want: []string{"kev.json", "first at /vulnerabilities: got string, want array"},
	}, {
		Name: "kev/over max_file_mib", Reader: "kev", Doc: "a catalog of 65 MiB (limit 64 MiB)",
		Blocks: src, Files: []File{{Path: "evidence/kev.json", Body: []byte("{"), Size: 65 * mib}},
		Exit: Evidence, Want: []string{"kev.json", "max_file_mib"},
	}}
}

// --- attestations ---

func attestationCases() []Case {
	hcl := source("attestation", "evidence/review.hcl")
	csv := source("attestation", "evidence/review.csv")
	csvHead := "requirement,zones,verdict,evidence,attested_by,date,expires\nSR 1.1,cell,pass,Logon screens,M. Keller,2026-10-13,2027-10-13\n"
	return []Case{{
		Name: "attestation/wrong HCL", Reader: "attestation", Doc: "an attestation whose verdict is a number",
		Blocks: hcl, Files: []File{{Path: "evidence/review.hcl", Body: []byte("attestation \"a\" {\n  requirement = \"SR 1.1\"\n  zones = [\"cell\"]\n  verdict = 3\n}\n")}},
		Exit: Evidence, Want: []string{"review.hcl:4"},
	}, {
		Name: "attestation/ragged CSV", Reader: "attestation", Doc: "a row with more fields than the header",
		Blocks: csv, Files: []File{{Path: "evidence/review.csv", Body: []byte(csvHead + "SR 1.2,cell,pass,x,y,2026-10-13,2027-10-13,extra\n")}},
		Exit: Evidence, Want: []string{"review.csv:3"},
	}, {
		Name: "attestation/line over 1 MiB", Reader: "attestation", Doc: "a CSV line longer than 1 MiB",
		Blocks: csv, Files: []File{{Path: "evidence/review.csv", Body: []byte(csvHead + "SR 1.2,cell,pass," + strings.Repeat("e", mib+10) + ",y,2026-10-13,2027-10-13\n")}},
		Exit: Evidence, Want: []string{"review.csv:3", "1 MiB"},
	}, {
		Name: "attestation/over 16 MiB", Reader: "attestation", Doc: "an attestation file of 17 MiB (limit 16 MiB)",
		Blocks: hcl, Files: []File{{Path: "evidence/review.hcl", Body: []byte("#"), Size: 17 * mib}},
		Exit: Evidence, Want: []string{"review.hcl", "16 MiB"},
	}}
}

// --- Zeek and Suricata logs ---

const zeekHead = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n" +
	"#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\n" +
	"#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\n"

const zeekRow = "1793174400.001500\tC1\t10.10.1.5\t49201\t10.10.1.10\t502\ttcp\tmodbus\t1.5\t100\t200\tSF\n"

func zeekCases() []Case {
	src := source("zeek", "evidence/conn.log")
	log := func(body string) []File { return []File{{Path: "evidence/conn.log", Body: []byte(body)}} }
	return []Case{{
		Name: "zeek/wrong field count", Reader: "zeek", Doc: "a TSV line with fewer fields than #fields",
		Blocks: src, Files: log(zeekHead + zeekRow + "1793174401.0\tC2\t10.10.1.5\n"),
		Exit: Evidence, Want: []string{"conn.log:9"},
	}, {
		Name: "zeek/no #fields header", Reader: "zeek", Doc: "a TSV log without its #fields line",
		Blocks: src, Files: log(withoutLine(zeekHead, "#fields") + zeekRow),
		Exit: Evidence, Want: []string{"conn.log:6", "#types before #fields"},
	}, {
		Name: "zeek/JSON line not an object", Reader: "zeek", Doc: "a JSON log with an array for a line",
		Blocks: src, Files: log(`{"_path":"conn","ts":1793174400.0015,"uid":"C1","id.orig_h":"10.10.1.5","id.orig_p":49201,"id.resp_h":"10.10.1.10","id.resp_p":502,"proto":"tcp"}` + "\n[\"conn\", 1]\n"),
		Exit: Evidence, Want: []string{"conn.log:2"},
	}, {
		Name: "zeek/wrong JSON", Reader: "zeek", Doc: "a JSON log whose port is a string",
		Blocks: src, Files: log(`{"_path":"conn","ts":1793174400.0015,"uid":"C1","id.orig_h":"10.10.1.5","id.orig_p":"high","id.resp_h":"10.10.1.10","id.resp_p":502,"proto":"tcp"}` + "\n"),
		Exit: Evidence, Want: []string{"conn.log:1"},
	}, {
		Name: "zeek/line over 16 MiB", Reader: "zeek", Doc: "a log of 20 MiB with no line end after its header",
		Blocks: src, Files: []File{{Path: "evidence/conn.log", Body: []byte(zeekHead + "1793174400.0\t"), Size: 20 * mib}},
		Exit: Evidence, Want: []string{"conn.log:8"},
	}}
}

const eveFlow = `{"timestamp":"2024-05-01T09:05:30.000000+0000","flow_id":2001,"event_type":"flow","src_ip":"10.10.1.5","src_port":40000,"dest_ip":"10.10.1.10","dest_port":502,"proto":"TCP","app_proto":"modbus","flow":{"pkts_toserver":10,"pkts_toclient":8,"bytes_toserver":900,"bytes_toclient":700,"start":"2024-05-01T09:00:00.000000+0000","end":"2024-05-01T09:05:00.000000+0000","age":300,"state":"established","reason":"timeout","alerted":false}}` + "\n"

func suricataCases() []Case {
	src := source("suricata", "evidence/eve.json")
	eve := func(body string) []File { return []File{{Path: "evidence/eve.json", Body: []byte(body)}} }
	zipped := gz([]byte(strings.Repeat(eveFlow, 2000)))
	return []Case{{
		Name: "suricata/line not an object", Reader: "suricata", Doc: "an EVE line that is an array",
		Blocks: src, Files: eve(eveFlow + "[\"flow\", 1]\n"),
		Exit: Evidence, Want: []string{"eve.json:2"},
	}, {
		Name: "suricata/wrong JSON", Reader: "suricata", Doc: "an EVE line whose flow_id is a string",
		Blocks: src, Files: eve(eveFlow + strings.Replace(eveFlow, `"flow_id":2001`, `"flow_id":"2001"`, 1)),
		Exit: Evidence, Want: []string{"eve.json:2"},
	}, {
		Name: "suricata/gzip cut", Reader: "suricata", Doc: "a gzip-compressed EVE log cut in half",
		Blocks: source("suricata", "evidence/eve.json.gz"), Files: []File{{Path: "evidence/eve.json.gz", Body: zipped[:len(zipped)/2]}},
		Exit: Evidence, Want: []string{"eve.json.gz: byte ", "gzip stream truncated"},
	}, {
		Name: "suricata/line over 16 MiB", Reader: "suricata", Doc: "an EVE log of 20 MiB with no line end",
		Blocks: src, Files: []File{{Path: "evidence/eve.json", Body: []byte(eveFlow + `{"timestamp":"`), Size: 20 * mib}},
		Exit: Evidence, Want: []string{"eve.json:2"},
	}}
}

// --- paths ---

const outsidePolicy = `# METADATA
# title: A check from outside
# custom:
#   id: SLATE-OUT-001
#   requirements: ["iec62443-3-3:SR 1.1"]
#   severity: high
#   owner: OT
#   remediation: none
package slate.custom.outside

import rego.v1

findings contains {"rule": "SLATE-OUT-001", "subject": "site", "message": "from outside"} if true
`

func pathCases() []Case {
	inv := source("assets", "evidence/inventory.csv")
	return []Case{{
		Name: "paths/directory for a file", Reader: "assessment", Doc: "a directory where an evidence file is named",
		Blocks: inv, Files: []File{{Path: "evidence/inventory.csv", Dir: true}},
		Exit: Usage, Want: []string{"assessment.hcl:", "evidence/inventory.csv", "is a directory"},
	}, {
		Name: "paths/evidence link out", Reader: "assessment", Doc: "an evidence file that is a link to a file outside the assessment directory",
		Blocks: inv, Files: []File{{Path: "evidence/inventory.csv", Link: "outside/inventory.csv"}},
		Exit: Usage, Want: []string{"assessment.hcl:", "outside/inventory.csv"},
	}, {
		Name: "paths/policy link out", Reader: "assessment", Doc: "a custom policy file that is a link to a file outside",
		Blocks: inv + "policies {\n  paths = [\"policies\"]\n}\n",
		Files:  []File{{Path: "evidence/inventory.csv", Body: []byte(inventoryCSV)}, {Path: "policies/extra.rego", Link: "outside/extra.rego"}},
		Exit:   Usage, Want: []string{"assessment.hcl:", "policies/extra.rego", "outside/extra.rego"},
	}, {
		Name: "paths/output dir up", Reader: "assessment", Doc: "output { dir = \"../x\" }",
		Blocks:   inv + "output {\n  dir = \"../x\"\n}\n",
		Files:    []File{{Path: "evidence/inventory.csv", Body: []byte(inventoryCSV)}},
		Commands: [][]string{{"assess", Site, "--as-of", "2026-11-01"}},
		Outputs:  []string{Root + "/x", Site + "/out"},
		Exit:     Usage, Want: []string{"assessment.hcl:", "../x"},
	}}
}

// Table is the Markdown table of the suite for docs/limits.md: each case's
// reader, fault, the exit code and the words its message holds.
func Table() string {
	var b strings.Builder
	b.WriteString("| reader | bad input | exit | the message holds |\n| --- | --- | --- | --- |\n")
	for _, c := range Cases() {
		exit := fmt.Sprint(c.Exit)
		if c.Incomplete {
			exit = "0 or 1: a warning, and the document marked `incomplete`"
		}
		want := make([]string, len(c.Want))
		for i, w := range c.Want {
			want[i] = "`" + strings.ReplaceAll(w, "|", `\|`) + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.Reader, strings.ReplaceAll(c.Doc, "|", `\|`), exit, strings.Join(want, ", "))
	}
	return b.String()
}

// withoutLine is text without its line that starts with prefix.
func withoutLine(text, prefix string) string {
	var out []string
	for _, l := range strings.SplitAfter(text, "\n") {
		if !strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}
