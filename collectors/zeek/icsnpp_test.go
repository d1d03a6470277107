package zeek_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/slate-ot/slate/collectors/zeek"
)

// TestICSNPPRecords reads single records of the OPC UA, PROFINET IO-CM and
// synchrophasor logs in the field layouts of the ICSNPP releases (current
// and older) and checks the operations and attributes of the flow.
func TestICSNPPRecords(t *testing.T) {
	const id = `"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":50000,"id.resp_h":"10.0.0.2","id.resp_p":%d`
	// The PNIO device interface and an object UUID of vendor 0x002a,
	// device 0x0101, as a big-endian and a little-endian sender's
	// header gives them.
	const (
		devBE = `"interface_uuid":"DEA00001-6C97-11D1-8271-00A02442DF7D","object_uuid":"DEA00000-6C97-11D1-8271-00010101002A"`
		devLE = `"interface_uuid":"0100A0DE-976C-D111-8271-00A02442DF7D","object_uuid":"0000A0DE-976C-D111-8271-00010101002A"`
		epm   = `"interface_uuid":"0883AFE1-1F5D-C911-91A4-08002B14A0FA"`
	)
	tests := []struct {
		name  string
		port  int
		logs  map[string][]string // log path: records without the conn id
		ops   []string            // class/name/code
		attrs map[string]string
		creds int
	}{
		{
			name: "opcua request and response on one record", port: 4840,
			logs: map[string][]string{"opcua_binary": {
				`"msg_type":"MSG","req_identifier":673,"req_identifier_str":"WriteRequest","res_identifier":676,"res_identifier_str":"WriteResponse"`,
				`"msg_type":"MSG","req_identifier":631,"res_identifier":397`,
			}},
			ops: []string{"write/Write/673", "response/Write/676", "read/Read/631", "error/ServiceFault/397"},
		},
		{
			name: "opcua one message per record (before 2023)", port: 4840,
			logs: map[string][]string{"opcua_binary": {`"msg_type":"MSG","identifier":712`, `"msg_type":"MSG","identifier":715`}},
			ops:  []string{"control/Call/712", "response/Call/715"},
		},
		{
			name: "opcua user name token with a clear password", port: 4840,
			logs: map[string][]string{"opcua_binary_activate_session": {
				`"ext_obj_type_id_numeric":324,"ext_obj_type_id_str":"UserNameIdentityToken","ext_obj_user_name":"op","ext_obj_password":"secret"`,
			}},
			attrs: map[string]string{"user_token": "username"}, creds: 1,
		},
		{
			name: "opcua encrypted password: no credential", port: 4840,
			logs: map[string][]string{"opcua_binary_activate_session": {
				`"ext_obj_type_id_numeric":324,"ext_obj_user_name":"op","ext_obj_password":"0x1234","ext_obj_encryption_algorithom":"http://www.w3.org/2001/04/xmlenc#rsa-oaep"`,
			}},
			attrs: map[string]string{"user_token": "username"},
		},
		{
			name: "opcua token type of older releases", port: 4840,
			logs:  map[string][]string{"opcua_binary_activate_session": {`"user_identity_token_type_id_str":"X509IdentityToken"`}},
			attrs: map[string]string{"user_token": "certificate"},
		},
		{
			name: "profinet operations, fragments and faults", port: 34964,
			logs: map[string][]string{"profinet_io_cm": {
				`"packet_type":"Request","operation_num":"Connect","fragment_num":0,` + devBE,
				`"packet_type":"Request","operation_num":"Write","fragment_num":1,` + devBE,
				`"packet_type":"Response","operation_num":"Read Implicit","fragment_num":0,` + devLE,
				`"packet_type":"Fault","operation_num":"Control",` + devLE,
				`"packet_type":"Ping","operation_num":"Connect",` + devLE,
			}},
			ops:   []string{"session/connect/0", "response/read_implicit/5", "error/control/4"},
			attrs: map[string]string{"vendor_device_id": "0x002a:0x0101"},
		},
		{
			name: "profinet endpoint mapper and older field name", port: 34964,
			logs: map[string][]string{"profinet_io_cm": {
				`"packet_type":"Request","operation_num":"Read",` + epm,
				`"packet_type":"Response","operation_num":"Read",` + epm,
				`"packet_type":"Request","operation":"Release"`,
			}},
			ops: []string{"diagnostic/epm_lookup/2", "session/release/1"},
		},
		{
			name: "profinet other interface", port: 34964,
			logs: map[string][]string{"profinet_io_cm": {
				`"packet_type":"Request","operation_num":"Write","interface_uuid":"12345678-1234-1234-1234-123456789ABC"`,
			}},
		},
		{
			name: "synchrophasor commands and frames", port: 4712,
			logs: map[string][]string{
				"synchrophasor_cmd": {`"frame_type":"Command","command":"Data off"`, `"command":"Send CFG-3"`, `"command":"unknown"`},
				"synchrophasor_cfg": {`"frame_type":"CFG2"`},
				"synchrophasor_hdr": {`"frame_type":"Header"`},
				// Releases before 2024 write no frame_type.
				"synchrophasor_data": {`"pmu_count_actual":1`},
				"synchrophasor":      {`"data_stream_id":[7,9]`},
			},
			ops: []string{"control/command_turn_off_transmission/1", "control/command_send_config_3/6", "control/command_user/-1",
				"response/config_2/3", "response/header/1", "response/data/0"},
			attrs: map[string]string{"idcode": "7|9"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for path, recs := range tc.logs {
				var lines []string
				for i, r := range recs {
					lines = append(lines, fmt.Sprintf(`{"_path":%q,"ts":1700000000.%d,`+id+`,%s}`, path, i+1, tc.port, r))
				}
				f := filepath.Join(dir, path+".log")
				if err := os.WriteFile(f, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			slices.Sort(files)
			d := collect(t, zeek.New(), "zeek", dir, files)
			if len(d.Flows) != 1 {
				t.Fatalf("%d flows, want 1", len(d.Flows))
			}
			f := d.Flows[0]
			var ops []string
			attrs := map[string]string{}
			if f.Facts != nil {
				for _, o := range f.Facts.Ops {
					ops = append(ops, fmt.Sprintf("%s/%s/%d", o.Class, o.Name, o.Code))
				}
				for k, v := range f.Facts.Attrs {
					if !strings.HasPrefix(k, "zeek_") {
						attrs[k] = v
					}
				}
			}
			slices.Sort(ops)
			want := slices.Sorted(slices.Values(tc.ops))
			if diff := gocmp.Diff(want, ops); diff != "" {
				t.Errorf("ops (-want +got):\n%s", diff)
			}
			if tc.attrs == nil {
				tc.attrs = map[string]string{}
			}
			if diff := gocmp.Diff(tc.attrs, attrs); diff != "" {
				t.Errorf("attrs (-want +got):\n%s", diff)
			}
			if len(d.Credentials) != tc.creds {
				t.Errorf("credentials %v, want %d", d.Credentials, tc.creds)
			}
		})
	}
}
