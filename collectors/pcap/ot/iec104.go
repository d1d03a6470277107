package ot

import (
	"strconv"

	"github.com/slate-ot/slate/collectors/pcap/dissect"
)

// IEC104 dissects IEC 60870-5-104: APCI frames (I, S, U) and the ASDU
// header of I frames (type id and cause of transmission).
type IEC104 struct{}

func (IEC104) Name() string { return "iec104" }

func (IEC104) Ports() []dissect.Port { return []dissect.Port{{Transport: dissect.TCP, Number: 2404}} }

var iec104Types = [...]string{
	1: "M_SP_NA_1", 2: "M_SP_TA_1", 3: "M_DP_NA_1", 4: "M_DP_TA_1", 5: "M_ST_NA_1",
	6: "M_ST_TA_1", 7: "M_BO_NA_1", 8: "M_BO_TA_1", 9: "M_ME_NA_1", 10: "M_ME_TA_1",
	11: "M_ME_NB_1", 12: "M_ME_TB_1", 13: "M_ME_NC_1", 14: "M_ME_TC_1", 15: "M_IT_NA_1",
	16: "M_IT_TA_1", 17: "M_EP_TA_1", 18: "M_EP_TB_1", 19: "M_EP_TC_1", 20: "M_PS_NA_1",
	21: "M_ME_ND_1", 30: "M_SP_TB_1", 31: "M_DP_TB_1", 32: "M_ST_TB_1", 33: "M_BO_TB_1",
	34: "M_ME_TD_1", 35: "M_ME_TE_1", 36: "M_ME_TF_1", 37: "M_IT_TB_1", 38: "M_EP_TD_1",
	39: "M_EP_TE_1", 40: "M_EP_TF_1", 41: "S_IT_TC_1",
	45: "C_SC_NA_1", 46: "C_DC_NA_1", 47: "C_RC_NA_1", 48: "C_SE_NA_1", 49: "C_SE_NB_1",
	50: "C_SE_NC_1", 51: "C_BO_NA_1", 58: "C_SC_TA_1", 59: "C_DC_TA_1", 60: "C_RC_TA_1",
	61: "C_SE_TA_1", 62: "C_SE_TB_1", 63: "C_SE_TC_1", 64: "C_BO_TA_1",
	70: "M_EI_NA_1", 100: "C_IC_NA_1", 101: "C_CI_NA_1", 102: "C_RD_NA_1", 103: "C_CS_NA_1",
	104: "C_TS_NA_1", 105: "C_RP_NA_1", 106: "C_CD_NA_1", 107: "C_TS_TA_1",
	110: "P_ME_NA_1", 111: "P_ME_NB_1", 112: "P_ME_NC_1", 113: "P_AC_NA_1",
	120: "F_FR_NA_1", 121: "F_SR_NA_1", 122: "F_SC_NA_1", 123: "F_LS_NA_1", 124: "F_AF_NA_1",
	125: "F_SG_NA_1", 126: "F_DR_TA_1", 127: "F_SC_NB_1",
}

// iec104Class is the class of a type id sent as a request (cause 6
// activation or 8 deactivation).
func iec104Class(tid int) string {
	switch {
	case tid < 45 || tid == 70:
		return dissect.ClassResponse
	case tid <= 64:
		return dissect.ClassControl
	case tid == 100, tid == 101, tid == 102:
		return dissect.ClassRead
	case tid == 103:
		return dissect.ClassWrite
	case tid == 105:
		return dissect.ClassControl
	case tid == 104, tid == 106, tid == 107:
		return dissect.ClassDiagnostic
	case tid >= 110 && tid <= 113:
		return dissect.ClassWrite
	case tid >= 120:
		return dissect.ClassProgram
	}
	return dissect.ClassWrite
}

var iec104U = map[byte]string{
	0x07: "startdt_act", 0x0b: "startdt_con", 0x13: "stopdt_act", 0x23: "stopdt_con",
	0x43: "testfr_act", 0x83: "testfr_con",
}

// apci returns the APDU length of the frame b starts with, or 0.
func apci(b []byte) int {
	if len(b) < 6 || b[0] != 0x68 || b[1] < 4 {
		return 0
	}
	n := int(b[1])
	switch {
	case b[2]&1 == 0: // I frame: must carry an ASDU with a known type id
		if n < 4+6 || len(b) > 6 && (int(b[6]) >= len(iec104Types) || iec104Types[b[6]] == "") {
			return 0
		}
	case b[2]&3 == 1: // S frame
		if n != 4 || b[2] != 1 || b[3] != 0 {
			return 0
		}
	default: // U frame
		if _, ok := iec104U[b[2]]; !ok || n != 4 || b[3] != 0 || b[4] != 0 || b[5] != 0 {
			return 0
		}
	}
	return 2 + n
}

func (IEC104) Match(t dissect.Transport, _ dissect.Direction, p []byte) bool {
	if t != dissect.TCP {
		return false
	}
	n := apci(p)
	if n == 0 || len(p) < 6 {
		return false
	}
	if len(p) > n {
		return apci(p[n:]) != 0 || len(p)-n < 6
	}
	return true
}

func (IEC104) Dissect(_ dissect.Transport, _ dissect.Direction, buf []byte, rec *dissect.Recorder) int {
	off := 0
	for len(buf)-off >= 6 {
		n := apci(buf[off:])
		if n == 0 {
			rec.Malformed()
			return len(buf)
		}
		if len(buf)-off < n {
			break
		}
		iec104APDU(buf[off:off+n], rec)
		off += n
	}
	return off
}

func iec104APDU(b []byte, rec *dissect.Recorder) {
	switch {
	case b[2]&1 == 0:
	case b[2]&3 == 1:
		rec.Op(dissect.ClassSession, "s_frame", -1)
		return
	default:
		rec.Op(dissect.ClassSession, iec104U[b[2]], int(b[2]))
		return
	}
	tid := int(b[6])
	tn := iec104Types[tid]
	cot := int(b[8] & 0x3f)
	negative := b[8]&0x40 != 0
	switch {
	case cot >= 44 || negative:
		rec.Op(dissect.ClassError, tn, tid)
	case tid >= 45 && (cot == 6 || cot == 8):
		rec.Op(iec104Class(tid), tn, tid)
		rec.Attr("command_types", tn)
		if tid == 105 {
			rec.Event("iec104_reset_process", "C_RP_NA_1 reset process command sent to common address "+strconv.Itoa(iec104CA(b)))
		}
	case tid >= 45 && tid != 70:
		rec.Op(dissect.ClassResponse, tn, tid) // confirmations and terminations
	default:
		rec.Op(dissect.ClassResponse, tn, tid)
	}
}

func iec104CA(b []byte) int {
	if len(b) < 12 {
		return -1
	}
	return le16(b[10:])
}
