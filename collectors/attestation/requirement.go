package attestation

import (
	"strings"

	"github.com/slate-ot/slate/engine/catalog"
)

// requirements checks requirement ids against the embedded catalogs.
type requirements struct {
	cat *catalog.Catalog
}

func loadRequirements() (requirements, error) {
	cat, err := catalog.Load()
	if err != nil {
		return requirements{}, err
	}
	return requirements{cat: cat}, nil
}

// qualify returns the qualified id of a requirement as people write it
// ("SR 1.1", "PE-3", "iec62443-3-3:SR 1.1"), and whether a catalog knows
// it. For an unknown id it also returns the spelling of a known one that
// differs only in case or spacing, or "".
func (r requirements) qualify(id string) (key string, ok bool, suggest string) {
	key = catalog.Qualify(id)
	if r.cat.Known(key) {
		return key, true, ""
	}
	if fixed := respell(id); catalog.Qualify(fixed) != key && r.cat.Known(catalog.Qualify(fixed)) {
		suggest = fixed
	}
	return key, false, suggest
}

// respell writes an id the way the catalogs do: the framework prefix lower
// case, the id upper case with single spaces ("sr  1.1 re 2" → "SR 1.1 RE 2").
func respell(id string) string {
	fw, rest, qualified := strings.Cut(id, ":")
	if !qualified {
		fw, rest = "", id
	}
	rest = strings.ToUpper(strings.Join(strings.Fields(rest), " "))
	if strings.HasPrefix(rest, "SR") && len(rest) > 2 && rest[2] != ' ' {
		rest = "SR " + rest[2:]
	}
	if !qualified {
		return rest
	}
	return strings.ToLower(strings.TrimSpace(fw)) + ":" + rest
}
