package assessment

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slate-ot/slate/evidence"
)

// unwiredServices are names people write for a service that no capture
// dissector recognises, with the ports to write instead.
var unwiredServices = map[string]string{
	"syslog": `"udp/514" (or "tcp/514", "tcp/6514" for syslog over TLS)`,
	"sftp":   `"ssh" or "tcp/22"`,
	"scp":    `"ssh" or "tcp/22"`,
}

// parseService returns the canonical form of a conduit service ("tcp/443",
// "udp/2222-2223", "modbus"), or a detail saying how to fix it.
func parseService(s string) (svc, detail string) {
	t := strings.ToLower(strings.TrimSpace(s))
	proto, ports, found := strings.Cut(t, "/")
	if !found {
		names := evidence.ServiceNames()
		if slices.Contains(names, t) {
			return t, ""
		}
		if ports, ok := unwiredServices[t]; ok {
			return "", fmt.Sprintf("%q is not recognised in captured traffic, so no flow would ever match it; write its port instead, %s.", s, ports)
		}
		return "", fmt.Sprintf("%q is neither transport/port nor a protocol slate recognises on the wire; write it like \"tcp/502\" or \"tcp/502-503\", or use one of %s.%s",
			s, strings.Join(names, ", "), evidence.Suggestion(t, names))
	}
	if proto != "tcp" && proto != "udp" {
		return "", fmt.Sprintf("%q names transport %q; the transport is tcp or udp, as in \"tcp/502\".", s, proto)
	}
	lo, hi, isRange := strings.Cut(ports, "-")
	from, ok := parsePort(lo)
	to := from
	if ok && isRange {
		to, ok = parsePort(hi)
	}
	if !ok {
		return "", fmt.Sprintf("%q has no valid port; ports are whole numbers from 1 to 65535, one or a range, as in \"tcp/502\" or \"tcp/502-503\".", s)
	}
	if from > to {
		return "", fmt.Sprintf("The port range in %q runs backwards; write it low to high, as %s/%d-%d.", s, proto, to, from)
	}
	if from == to {
		return fmt.Sprintf("%s/%d", proto, from), ""
	}
	return fmt.Sprintf("%s/%d-%d", proto, from, to), ""
}

func parsePort(s string) (int, bool) {
	if s == "" || len(s) > 5 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, false
	}
	return n, true
}

var (
	// An IEC 62443-3-3 system requirement or requirement enhancement.
	iecID = regexp.MustCompile(`^SR \d+\.\d+`)
	// A NIST SP 800-53 control or enhancement: CM-8, AC-2(1).
	nistID = regexp.MustCompile(`^[A-Z]{2}-\d+(\(\d+\))?$`)
)

// qualify prefixes an unqualified requirement id with its framework; ids
// that already carry one ("framework:id") are returned as they are.
func qualify(id string) (string, bool) {
	if fw, rest, ok := strings.Cut(id, ":"); ok {
		return id, strings.TrimSpace(fw) != "" && strings.TrimSpace(rest) != ""
	}
	switch {
	case iecID.MatchString(id):
		return FrameworkIEC62443 + ":" + id, true
	case nistID.MatchString(id):
		return "nist-800-53r5:" + id, true
	}
	return "", false
}

// maxAgeDays bounds max_age at about a century, far beyond any evidence
// policy and far from overflowing date arithmetic.
const maxAgeDays = 36500

// AgeDays returns the days a max_age ("30d", "4w") stands for, or an
// error saying how to write it.
func AgeDays(s string) (int, error) {
	days, detail := parseAge(s)
	if detail != "" {
		return 0, errors.New(detail)
	}
	return days, nil
}

// parseAge reads a max_age, a whole number of days or weeks ("30d",
// "4w"), into days, or returns a detail saying how to fix it. Evidence
// is dated by the day, so smaller units are refused.
func parseAge(s string) (days int, detail string) {
	t := strings.TrimSpace(s)
	i := len(t) - len(strings.TrimLeft(t, "0123456789"))
	num, unit := t[:i], strings.TrimSpace(t[i:])
	if num == "" {
		return 0, fmt.Sprintf("%q is not an age; write a whole number of days or weeks, like \"30d\" or \"4w\".", s)
	}
	per := 0
	switch strings.ToLower(unit) {
	case "d":
		per = 1
	case "w":
		per = 7
	case "":
		return 0, fmt.Sprintf("%q has no unit; write %q for days or %q for weeks.", s, num+"d", num+"w")
	case "h", "m", "s", "ms":
		return 0, fmt.Sprintf("%q is shorter than a day, but evidence is dated by the day; write days or weeks, like \"1d\" or \"4w\".", s)
	default:
		return 0, fmt.Sprintf("%q has unit %q; the units are d (days) and w (weeks), as in \"30d\" or \"4w\".", s, unit)
	}
	n, err := strconv.Atoi(num)
	if err != nil || n > maxAgeDays/per {
		return 0, fmt.Sprintf("%q is more than %d days; write an age of at most a century, like \"365d\".", s, maxAgeDays)
	}
	return n * per, ""
}

// maxObservation bounds min_observation at a year, longer than any
// capture a site keeps.
const maxObservation = 366 * 24 * time.Hour

// parseObservation reads a min_observation, a whole number of
// milliseconds, seconds, minutes, hours, days or weeks ("90m", "24h",
// "7d"), or returns a detail saying how to fix it.
func parseObservation(s string) (time.Duration, string) {
	t := strings.TrimSpace(s)
	i := len(t) - len(strings.TrimLeft(t, "0123456789"))
	num, unit := t[:i], strings.TrimSpace(t[i:])
	if num == "" {
		return 0, fmt.Sprintf("%q is not a duration; write a whole number with a unit, like \"90m\", \"24h\" or \"7d\".", s)
	}
	units := map[string]time.Duration{"ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}
	per, ok := units[strings.ToLower(unit)]
	if !ok {
		if unit == "" {
			return 0, fmt.Sprintf("%q has no unit; write %q for hours or %q for days.", s, num+"h", num+"d")
		}
		return 0, fmt.Sprintf("%q has unit %q; the units are ms, s, m, h, d and w, as in \"90m\", \"24h\" or \"7d\".", s, unit)
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n > int64(maxObservation/per) {
		return 0, fmt.Sprintf("%q is more than a year; write a window of at most \"366d\".", s)
	}
	if n == 0 {
		return 0, fmt.Sprintf("%q is no window at all; write a positive duration, like \"24h\".", s)
	}
	return time.Duration(n) * per, ""
}

// validDate reports whether s is a calendar date written YYYY-MM-DD.
func validDate(s string) bool {
	if len(s) != len("2006-01-02") {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
