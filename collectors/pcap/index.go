package pcap

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
)

// flowIndex finds a flow by its key among a table's flows (the table's
// order, which it indexes by position). It is an open-addressing hash
// table of 8-byte slots, each a flow's position and part of its key's
// hash: 16 to 32 bytes a flow, against some 60 for a Go map of the key,
// and a lookup hashes the key's five words rather than its bytes. The
// hash is keyed with a seed of the process's own, so that a capture cannot
// be made to put its flows in one chain; the order of the output never
// depends on it.
type flowIndex struct {
	slots []uint64 // hash<<32 | position+1; 0 is empty
	n     int
}

// hashSeed keys every index's hash.
var hashSeed = maphash.Comparable(maphash.MakeSeed(), 0) | 1

// words returns a key's bytes as five 64-bit words.
func (k *flowKey) words() (w0, w1, w2, w3, w4 uint64) {
	w0, w1 = binary.LittleEndian.Uint64(k.a[:8]), binary.LittleEndian.Uint64(k.a[8:])
	w2, w3 = binary.LittleEndian.Uint64(k.b[:8]), binary.LittleEndian.Uint64(k.b[8:])
	w4 = uint64(k.pa) | uint64(k.pb)<<16 | uint64(k.vlan[0])<<32 | uint64(k.vlan[1])<<48
	return
}

func (k *flowKey) hash() uint64 {
	w0, w1, w2, w3, w4 := k.words()
	h := mix(w0^hashSeed^0xa0761d6478bd642f, w1^0xe7037ed1a0b428db)
	h = mix(h^w2^0x8ebc6af09c88c6e3, w3^0x589965cc75374cc3)
	return mix(h^w4^0x1d8e4e27c47d124f, uint64(k.proto)^hashSeed)
}

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func (k *flowKey) equal(o *flowKey) bool {
	a0, a1, a2, a3, a4 := k.words()
	b0, b1, b2, b3, b4 := o.words()
	return a0 == b0 && a1 == b1 && a2 == b2 && a3 == b3 && a4 == b4 && k.proto == o.proto
}

// find returns the position in flows of the flow keyed k, or -1, and the
// hash of k for add.
func (x *flowIndex) find(k *flowKey, flows []*flow) (int, uint32) {
	h := uint32(k.hash())
	if x.n == 0 {
		return -1, h
	}
	mask := uint32(len(x.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return -1, h
		}
		if uint32(s>>32) == h {
			if p := int(uint32(s)) - 1; flows[p].key.equal(k) {
				return p, h
			}
		}
	}
}

// add indexes position p, whose key has hash h (from find) and is not
// indexed yet.
func (x *flowIndex) add(h uint32, p int) {
	if 2*(x.n+1) > len(x.slots) {
		// Doubled, at half full: a slot holds its key's hash, which says
		// where it goes in the larger table.
		old := x.slots
		x.slots = make([]uint64, max(1024, 2*len(old)))
		for _, s := range old {
			if s != 0 {
				x.put(s)
			}
		}
	}
	x.put(uint64(h)<<32 | uint64(uint32(p+1)))
	x.n++
}

func (x *flowIndex) put(s uint64) {
	mask := uint32(len(x.slots) - 1)
	i := uint32(s>>32) & mask
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = s
}
