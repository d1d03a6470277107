package assessment

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Maintenance windows are the times a site planned and approved work on
// the devices of some zones (a shutdown under management of change): the
// checks that judge operations seen on the wire (a program download, a
// PLC stop or start, a write) tell the work done inside one from the work
// done outside any.

var windowSchema = attrSchema("zones", "from", "to", "description", "approved_by")

func (l *loader) maintenanceWindow(b *hcl.Block, d *decoded) {
	w := MaintenanceWindow{Name: b.Labels[0], Zones: []string{}}
	keep := l.name(d, "maintenance_window", b, 0)
	c := l.content(b.Body, windowSchema)
	attrs := c.Attributes
	l.require(b, attrs, map[string]string{
		"zones":       `the zones whose devices the work may change, like zones = ["cell"]`,
		"from":        `when it opens, like from = "2026-10-28T06:00:00Z"`,
		"to":          `when it closes, like to = "2026-10-28T10:00:00Z"`,
		"approved_by": "who approved the work",
	})
	if attr, ok := attrs["zones"]; ok {
		w.Zones = l.zoneList(attr, d, fmt.Sprintf("Maintenance window %q needs the zones whose devices the work may change; a window does not cover the whole site by default.", w.Name))
	}
	from, fromOK := l.timestamp(attrs["from"])
	to, toOK := l.timestamp(attrs["to"])
	if fromOK && toOK && !from.Before(to) {
		l.errorf(attrs["to"].Expr.Range(), "Window closes before it opens",
			"Maintenance window %q closes at %s, which is not after it opens (%s); swap the two or fix the dates.",
			w.Name, to.Format(time.RFC3339Nano), from.Format(time.RFC3339Nano))
	}
	if fromOK {
		w.From = from.UTC().Format(time.RFC3339Nano)
	}
	if toOK {
		w.To = to.UTC().Format(time.RFC3339Nano)
	}
	w.Description, _ = l.text(attrs, "description", false)
	w.ApprovedBy, _ = l.text(attrs, "approved_by", true)
	if keep {
		d.a.MaintenanceWindows = append(d.a.MaintenanceWindows, w)
	}
}

// timestamp reads an RFC 3339 time with its offset; ok is false when attr
// is nil or the value is not one.
func (l *loader) timestamp(attr *hcl.Attribute) (time.Time, bool) {
	if attr == nil {
		return time.Time{}, false
	}
	s, ok := l.attrString(attr)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		l.errorf(attr.Expr.Range(), "Invalid time",
			"%q is not a time in RFC 3339 form with its offset; write it like \"2026-10-28T06:00:00Z\" or \"2026-10-28T07:00:00+01:00\".", s)
		return time.Time{}, false
	}
	return t, true
}

func sortWindows(ws []MaintenanceWindow) {
	slices.SortFunc(ws, func(x, y MaintenanceWindow) int { return cmp.Compare(x.Name, y.Name) })
}
