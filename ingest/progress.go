package ingest

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar over the bytes of all inputs (their size on
// disk, so compressed bytes for gzip), or a spinner when a size is
// unknown. A nil *progress does nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, srcs []source) *progress {
	if w == nil {
		return nil
	}
	var total int64
	for _, s := range srcs {
		if s.size < 0 {
			total = -1
			break
		}
		total += s.size
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(true),
	)
	return &progress{bar: bar}
}

func (p *progress) add(n int) {
	if p != nil {
		_ = p.bar.Add(n)
	}
}

func (p *progress) articles(n int) {
	if p != nil {
		p.bar.Describe(fmt.Sprintf("ingest: %d articles", n))
	}
}

func (p *progress) finish() {
	if p != nil {
		_ = p.bar.Finish()
	}
}
