package pcap

import (
	"encoding/binary"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// route returns a number that every packet of one conversation shares,
// whichever way it travels, so that the reader can give all of a flow's
// packets to one worker. It finds, in the headers, what the worker's flow
// key is made of: for a packet that reaches TCP or UDP over IP, the two
// ends (address and port); for any other, the two MAC addresses. It walks
// the headers the worker's parsers decode, in the same order (gopacket
// says which layer comes next), and reads only the bytes it needs; where a
// header is too short it stops. It may go on where the worker's parser
// fails, which is harmless: a packet the worker cannot decode to its
// transport starts no IP flow. (That holds because no FrameDissector
// takes the IPv4 or IPv6 EtherType: one that did would make a layer-2
// flow of a frame whose IP header the parser rejects, which route sends
// by its addresses, not its MACs.)
//
// The flow key's addresses are those of the first IP header's version,
// read after the whole packet is decoded: for IPv4 in IPv4 the inner
// header's (the parser decodes both into one layer), for IPv4 in IPv6 the
// outer's. route does the same.
func route(lt layers.LinkType, data []byte) uint64 {
	if lt == layers.LinkTypeEthernet {
		if h, ok := routeFast(data); ok {
			return h
		}
	}
	return routeLayers(lt, data)
}

// routeLayers is route for any frame.
func routeLayers(lt layers.LinkType, data []byte) uint64 {
	var next gopacket.LayerType
	switch lt {
	case layers.LinkTypeEthernet:
		next = layers.LayerTypeEthernet
	case layers.LinkTypeLinuxSLL:
		next = layers.LayerTypeLinuxSLL
	case layers.LinkTypeLinuxSLL2:
		next = layers.LayerTypeLinuxSLL2
	case layers.LinkTypeNull, layers.LinkTypeLoop:
		next = layers.LayerTypeLoopback
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6, 12:
		if len(data) == 0 {
			return 0
		}
		switch data[0] >> 4 {
		case 4:
			next = layers.LayerTypeIPv4
		case 6:
			next = layers.LayerTypeIPv6
		default:
			return 0
		}
	default:
		return 0
	}
	var (
		mac      [2][]byte // the ends of a layer-2 frame
		first    uint8     // IP version of the first IP header
		v4s, v4d []byte    // the last IPv4 header's addresses
		v6s, v6d []byte    // the last IPv6 header's
	)
	for range 64 {
		switch next {
		case layers.LayerTypeEthernet:
			if len(data) < 14 {
				return l2Route(mac)
			}
			mac = [2][]byte{data[6:12], data[0:6]}
			et := layers.EthernetType(binary.BigEndian.Uint16(data[12:14]))
			if et < 0x600 {
				return l2Route(mac) // LLC
			}
			next, data = et.LayerType(), data[14:]
		case layers.LayerTypeDot1Q:
			if len(data) < 4 {
				return l2Route(mac)
			}
			next = layers.EthernetType(binary.BigEndian.Uint16(data[2:4])).LayerType()
			data = data[4:]
		case layers.LayerTypeMPLS:
			// As mplsLayer: the label stack, then IPv4 or IPv6 by version.
			i := 0
			for ; ; i += 4 {
				if len(data) < i+4 || i >= 64 {
					return l2Route(mac)
				}
				if data[i+2]&1 == 1 {
					break
				}
			}
			data = data[i+4:]
			next = gopacket.LayerTypePayload
			if len(data) > 0 {
				switch data[0] >> 4 {
				case 4:
					next = layers.LayerTypeIPv4
				case 6:
					next = layers.LayerTypeIPv6
				}
			}
		case layers.LayerTypeLinuxSLL:
			if len(data) < 16 {
				return l2Route(mac)
			}
			addrType, addrLen := binary.BigEndian.Uint16(data[2:4]), binary.BigEndian.Uint16(data[4:6])
			if addrLen > 8 {
				return l2Route(mac)
			}
			if addrLen == 6 {
				mac = [2][]byte{data[6:12], zeroMAC[:]}
			}
			sll := layers.LinuxSLL{AddrType: addrType, EthernetType: layers.EthernetType(binary.BigEndian.Uint16(data[14:16]))}
			next, data = sll.NextLayerType(), data[16:]
		case layers.LayerTypeLinuxSLL2:
			if len(data) < 20 || data[11] > 8 {
				return l2Route(mac)
			}
			if data[11] == 6 {
				mac = [2][]byte{data[12:18], zeroMAC[:]}
			}
			sll := layers.LinuxSLL2{ProtocolType: layers.EthernetType(binary.BigEndian.Uint16(data[0:2])),
				ARPHardwareType: layers.ARPHardwareType(binary.BigEndian.Uint16(data[8:10]))}
			next, data = sll.NextLayerType(), data[20:]
		case layers.LayerTypeLoopback:
			var lb layers.Loopback
			if lb.DecodeFromBytes(data, gopacket.NilDecodeFeedback) != nil {
				return l2Route(mac)
			}
			next, data = lb.NextLayerType(), lb.Payload
		case layers.LayerTypeIPv4:
			if len(data) < 20 {
				return l2Route(mac)
			}
			if first == 0 {
				first = 4
			}
			v4s, v4d = data[12:16], data[16:20]
			ihl := int(data[0]&0x0f) * 4
			if ihl < 20 || ihl > len(data) {
				return l2Route(mac) // the parser fails on this header
			}
			ip := layers.IPv4{Flags: layers.IPv4Flag(data[6] >> 5), FragOffset: binary.BigEndian.Uint16(data[6:8]) & 0x1fff,
				Protocol: layers.IPProtocol(data[9])}
			next, data = ip.NextLayerType(), data[ihl:]
		case layers.LayerTypeIPv6:
			if len(data) < 40 {
				return l2Route(mac)
			}
			if first == 0 {
				first = 6
			}
			v6s, v6d = data[8:24], data[24:40]
			nh := layers.IPProtocol(data[6])
			data = data[40:]
			if nh == layers.IPProtocolIPv6HopByHop {
				// Decoded with the IPv6 header: the next layer is the
				// one the hop-by-hop header names.
				if len(data) < 2 {
					return l2Route(mac)
				}
				n := (int(data[1]) + 1) * 8
				if n > len(data) {
					return l2Route(mac)
				}
				nh, data = layers.IPProtocol(data[0]), data[n:]
			}
			next = nh.LayerType()
		case layers.LayerTypeTCP, layers.LayerTypeUDP:
			if first == 0 || len(data) < 4 {
				return l2Route(mac)
			}
			var shi, slo, dhi, dlo uint64
			if first == 4 {
				// As the flow key holds it: v4-mapped.
				slo = 0xffff<<32 | uint64(binary.BigEndian.Uint32(v4s))
				dlo = 0xffff<<32 | uint64(binary.BigEndian.Uint32(v4d))
			} else {
				shi, slo = binary.BigEndian.Uint64(v6s), binary.BigEndian.Uint64(v6s[8:])
				dhi, dlo = binary.BigEndian.Uint64(v6d), binary.BigEndian.Uint64(v6d[8:])
			}
			sp, dp := binary.BigEndian.Uint16(data), binary.BigEndian.Uint16(data[2:])
			return endHash(shi, slo, sp) + endHash(dhi, dlo, dp)
		default:
			return l2Route(mac)
		}
	}
	return l2Route(mac)
}

// routeFast is route for the most common frame, Ethernet with at most two
// 802.1Q tags, then IPv4 and TCP or UDP, read without asking gopacket
// which layer comes next; false for any other frame, which takes the
// general path. It gives what the general path gives.
func routeFast(data []byte) (uint64, bool) {
	if len(data) < 14 {
		return 0, false
	}
	et := binary.BigEndian.Uint16(data[12:14])
	ip := data[14:]
	for i := 0; et == 0x8100 && i < 2; i++ {
		if len(ip) < 4 {
			return 0, false
		}
		et, ip = binary.BigEndian.Uint16(ip[2:4]), ip[4:]
	}
	if et != 0x0800 || len(ip) < 20 {
		return 0, false
	}
	ihl := int(ip[0]&0x0f) * 4
	if ihl < 20 || ihl > len(ip) || binary.BigEndian.Uint16(ip[6:8])&0x3fff != 0 || ip[9] != 6 && ip[9] != 17 {
		return 0, false // short, a fragment, or another protocol
	}
	seg := ip[ihl:]
	if len(seg) < 4 {
		return 0, false
	}
	s := 0xffff<<32 | uint64(binary.BigEndian.Uint32(ip[12:16]))
	d := 0xffff<<32 | uint64(binary.BigEndian.Uint32(ip[16:20]))
	return endHash(0, s, binary.BigEndian.Uint16(seg)) + endHash(0, d, binary.BigEndian.Uint16(seg[2:])), true
}

var zeroMAC [6]byte

// l2Route is the route of a frame by its two MAC addresses, in either
// order; the worker keys a Linux cooked frame's flow with a zero
// destination.
func l2Route(mac [2][]byte) uint64 {
	return macHash(mac[0]) + macHash(mac[1])
}

func macHash(m []byte) uint64 {
	if len(m) < 6 {
		return 0
	}
	return endHash(0, uint64(binary.BigEndian.Uint16(m))<<32|uint64(binary.BigEndian.Uint32(m[2:])), 0)
}

// endHash mixes one end of a conversation: an address (as 16 bytes, hi and
// lo) and a port.
func endHash(hi, lo uint64, port uint16) uint64 {
	h := (hi ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	h = (h ^ lo ^ h>>29) * 0x94d049bb133111eb
	h ^= uint64(port)
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}
