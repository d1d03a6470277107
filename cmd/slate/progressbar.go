package main

import (
	"fmt"
	"io"
	"strings"
)

// ProgressBar draws "label [=====>    ]  42% 1.2 GB / 3.0 GB" on one line of
// w, redrawn in place with a carriage return. collectorsFor decides whether
// to use it (only when stderr is a terminal and --quiet is not set) and
// hands its Update method to the collectors as their progress callback
// (collectors.Config.Progress). Nothing is drawn for a collector that never
// reports progress.
type ProgressBar struct {
	W     io.Writer
	Label string
	Width int // of the bar, 30 when 0
	last  int // last permille drawn, to redraw only on change
	drawn bool
}

// Update redraws the bar for read of total bytes.
func (p *ProgressBar) Update(read, total int64) {
	pm := 1000
	if total > 0 {
		pm = int(min(read*1000/total, 1000))
	}
	if p.drawn && pm == p.last {
		return
	}
	p.last, p.drawn = pm, true
	width := p.Width
	if width <= 0 {
		width = 30
	}
	fill := pm * width / 1000
	bar := strings.Repeat("=", fill)
	if fill < width {
		bar += ">" + strings.Repeat(" ", width-fill-1)
	}
	fmt.Fprintf(p.W, "\r%s [%s] %3d%% %s / %s", p.Label, bar, pm/10, humanBytes(read), humanBytes(total))
}

// Done ends the bar's line.
func (p *ProgressBar) Done() {
	if p.drawn {
		fmt.Fprintln(p.W)
	}
}

func humanBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
