package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
)

// DefaultBatchSize is the number of articles stored per transaction.
const DefaultBatchSize = 500

// Options configure Run.
type Options struct {
	// Store receives the articles. Required.
	Store dossier.Store
	// Annotate, when set, runs on every article before it is stored (the
	// NLP stages: nlp.Annotate). Nil stores articles as read.
	Annotate func(dossier.Article) dossier.Article
	// Workers is the number of goroutines that finalise and annotate
	// articles; 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the number of articles per PutArticles call (one
	// transaction); 0 means DefaultBatchSize.
	BatchSize int
	// Fetcher reads http(s) sources; without it URL sources fail.
	Fetcher Fetcher
	// Stdin is read for the source "-".
	Stdin io.Reader
	// Progress, when set, receives a progress bar (pass a terminal).
	Progress io.Writer
	// OnError is called, from one goroutine at a time, with each failed
	// input or record (an *InputError) as soon as it happens.
	OnError func(error)
	// Dedup, when set, finds near-duplicates and stories: each article is
	// fingerprinted on the workers and matched, in input order, against
	// those added before it (seed it with the stored articles first), which
	// sets its SimHash, DuplicateOf and StoryID.
	Dedup *dedup.Index
	// Now returns the current time, for Fetched; nil means time.Now.
	Now func() time.Time
}

// Summary counts the outcome of Run.
type Summary struct {
	dossier.PutStats
	Inputs   int           // inputs opened
	Articles int           // articles read and sent to the store
	Failed   int           // inputs or records that failed
	Elapsed  time.Duration // wall time
}

// String renders "N new, M unchanged, D duplicates, E failed" (with
// updated articles when there are any).
func (s Summary) String() string {
	upd := ""
	if s.Updated > 0 {
		upd = fmt.Sprintf(", %d updated", s.Updated)
	}
	return fmt.Sprintf("%d new, %d unchanged%s, %d duplicates, %d failed", s.New, s.Unchanged, upd, s.Duplicate, s.Failed)
}

// PerSecond returns the articles stored per second of wall time.
func (s Summary) PerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Articles) / s.Elapsed.Seconds()
}

// ErrFailed is wrapped by Run's error when some inputs or records failed
// but the others were stored.
var ErrFailed = errors.New("some inputs failed")

// job is one article on its way through the worker pool; done is closed
// when the worker has finished with it.
type job struct {
	a      dossier.Article
	input  string
	format string
	line   int
	err    error
	fp     *dedup.Fingerprint // set by the worker when Options.Dedup is
	done   chan struct{}
}

// Run reads every source, annotates the articles on a worker pool and
// stores them in batches, in input order. A failed input or record is
// reported through OnError and counted; the others go on, and Run then
// returns an error wrapping ErrFailed along with the full Summary. A store
// failure or a cancelled ctx stops Run; batches stored before stay stored.
func Run(ctx context.Context, sources []string, opts Options) (Summary, error) {
	start := time.Now()
	if opts.Store == nil {
		return Summary{}, errors.New("ingest: no store")
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var sum Summary
	var mu sync.Mutex // guards sum.Failed and OnError calls
	fail := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		sum.Failed++
		if opts.OnError != nil {
			opts.OnError(err)
		} else {
			slog.Warn("ingest", "error", err)
		}
	}

	var srcs []source
	for _, arg := range sources {
		s, err := expand(arg)
		if err != nil {
			fail(&InputError{Input: arg, Err: err})
			continue
		}
		srcs = append(srcs, s...)
	}
	bar := newProgress(opts.Progress, srcs)

	jobs := make(chan *job, 4*workers)
	order := make(chan *job, 4*workers+batchSize)

	// Workers: finalise and annotate.
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				process(ctx, j, opts.Store, opts.Annotate, now)
				if opts.Dedup != nil && j.err == nil {
					j.fp = opts.Dedup.Fingerprint(j.a.Text)
				}
				if p, ok := opts.Store.(dossier.Preparer); ok && j.err == nil {
					p.Prepare(&j.a)
				}
				close(j.done)
			}
		}()
	}

	// Reader: one input after another, in order.
	go func() {
		defer close(order)
		defer close(jobs)
		for _, s := range srcs {
			if ctx.Err() != nil {
				return
			}
			n := readSource(ctx, s, opts, bar, func(j *job) error {
				select {
				case order <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
				if j.err != nil {
					return nil // already done: the writer reports it in order
				}
				select {
				case jobs <- j:
					return nil
				case <-ctx.Done():
					j.err = ctx.Err()
					close(j.done)
					return ctx.Err()
				}
			}, fail)
			mu.Lock()
			sum.Inputs += n
			mu.Unlock()
		}
	}()

	// Writer: in order, batched.
	var batch []*dossier.Article
	inBatch := map[string]bool{}
	var storeErr error
	flush := func() {
		if len(batch) == 0 || storeErr != nil || ctx.Err() != nil {
			return
		}
		st, err := opts.Store.PutArticles(ctx, batch)
		if err != nil {
			storeErr = fmt.Errorf("storing %d articles: %w", len(batch), err)
			cancel()
			return
		}
		sum.PutStats = sum.PutStats.Add(st)
		sum.Articles += len(batch)
		bar.articles(sum.Articles)
		batch = batch[:0]
		clear(inBatch)
	}
	for j := range order {
		<-j.done
		if storeErr != nil || ctx.Err() != nil {
			continue
		}
		if j.err != nil {
			fail(&InputError{Input: j.input, Format: j.format, Line: j.line, Err: j.err})
			continue
		}
		if inBatch[j.a.ID] {
			flush() // the same id twice: store the first before the second
		}
		a := j.a
		if j.fp != nil {
			opts.Dedup.AddFingerprint(&a, j.fp)
		}
		batch = append(batch, &a)
		inBatch[a.ID] = true
		if len(batch) >= batchSize {
			flush()
		}
	}
	wg.Wait()
	flush()
	bar.finish()
	sum.Elapsed = time.Since(start)
	switch {
	case storeErr != nil:
		return sum, storeErr
	case ctx.Err() != nil:
		return sum, ctx.Err()
	case sum.Failed > 0:
		return sum, fmt.Errorf("%d failed: %w", sum.Failed, ErrFailed)
	}
	return sum, nil
}

// process finalises and annotates one article; a panic in Annotate fails
// the article instead of the run. An article already stored with the same
// content is not annotated again: the store would leave it unchanged
// anyway, and this makes re-ingesting a corpus cheap.
func process(ctx context.Context, j *job, st dossier.Store, annotate func(dossier.Article) dossier.Article, now func() time.Time) {
	Finalize(&j.a, now())
	if annotate == nil {
		return
	}
	if old, err := st.Article(ctx, j.a.ID); err == nil && old.ContentHash == j.a.ContentHash {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			j.err = fmt.Errorf("annotating article %s: panic: %v", j.a.ID, r)
		}
	}()
	a := annotate(j.a)
	Finalize(&a, now()) // annotators may leave item slices nil
	j.a = a
}

// readSource opens one input and streams its records to send, reporting
// failures through fail. It returns 1 if the input was opened, else 0.
func readSource(ctx context.Context, s source, opts Options, bar *progress, send func(*job) error, fail func(error)) int {
	in, closeFn, err := open(ctx, s, opts, bar)
	if err != nil {
		fail(&InputError{Input: s.name, Err: err})
		return 0
	}
	defer closeFn()
	f, err := DetectInput(in)
	if err != nil {
		fail(&InputError{Input: s.name, Err: err})
		return 1
	}
	var sendErr error
	err = f.Read(ctx, in, func(r Record) error {
		j := &job{a: r.Article, input: s.name, format: f.Name, line: r.Line, err: r.Err, done: make(chan struct{})}
		if r.Err != nil {
			close(j.done) // nothing to process; the writer reports it in order
		}
		if err := send(j); err != nil {
			sendErr = err
			return err
		}
		return nil
	})
	if err != nil && sendErr == nil && ctx.Err() == nil {
		fail(&InputError{Input: s.name, Format: f.Name, Err: err})
	}
	return 1
}

// open opens a source as an Input. The returned func closes it.
func open(ctx context.Context, s source, opts Options, bar *progress) (*Input, func(), error) {
	switch s.kind {
	case srcStdin:
		if opts.Stdin == nil {
			return nil, nil, errors.New("no standard input")
		}
		in, err := NewInput("-", "", countingReader{opts.Stdin, bar.add})
		return in, func() {}, err
	case srcURL:
		if opts.Fetcher == nil {
			return nil, nil, dossier.Errorf(dossier.EINVALID, "cannot fetch URLs: no fetcher is configured in this build")
		}
		f, err := opts.Fetcher.Fetch(ctx, s.name)
		if err != nil {
			return nil, nil, err
		}
		in, err := NewInput(s.name, f.URL, countingReader{f.Body, bar.add})
		if err != nil {
			f.Body.Close()
			return nil, nil, err
		}
		in.ContentType = f.ContentType
		return in, func() { f.Body.Close() }, nil
	default:
		fh, err := os.Open(s.name)
		if err != nil {
			return nil, nil, err
		}
		in, err := NewInput(s.name, "", countingReader{fh, bar.add})
		if err != nil {
			fh.Close()
			return nil, nil, err
		}
		return in, func() { fh.Close() }, nil
	}
}
