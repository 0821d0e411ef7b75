package fetch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Validators are what a server said about a response, to ask next time
// whether it changed (conditional GET).
type Validators struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched,omitzero"`
}

// State keeps the conditional-GET validators of every URL fetched, and the
// item URLs already seen per feed, in a small JSON file that survives
// restarts. It is safe for concurrent use. Changes are written by Save.
type State struct {
	path string

	mu    sync.Mutex
	data  stateFile
	dirty bool
}

type stateFile struct {
	Version    int                             `json:"version"`
	Validators map[string]Validators           `json:"validators"`
	Seen       map[string]map[string]time.Time `json:"seen"` // feed URL -> item key -> first seen
}

// OpenState loads the state file at path, or starts an empty state when
// the file does not exist yet. A path of "" gives a state kept in memory
// only.
func OpenState(path string) (*State, error) {
	s := &State{path: path, data: stateFile{Version: 1}}
	if path != "" {
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("fetch state %s: %w", path, err)
		default:
			if err := json.Unmarshal(b, &s.data); err != nil {
				return nil, fmt.Errorf("fetch state %s: not a state file: %w", path, err)
			}
		}
	}
	if s.data.Validators == nil {
		s.data.Validators = map[string]Validators{}
	}
	if s.data.Seen == nil {
		s.data.Seen = map[string]map[string]time.Time{}
	}
	return s, nil
}

// Validators returns the validators stored for url.
func (s *State) Validators(url string) (Validators, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.data.Validators[url]
	return v, ok
}

// SetValidators records the validators of url's latest response.
func (s *State) SetValidators(url string, v Validators) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v.ETag == "" && v.LastModified == "" {
		if _, ok := s.data.Validators[url]; ok {
			delete(s.data.Validators, url)
			s.dirty = true
		}
		return
	}
	s.data.Validators[url] = v
	s.dirty = true
}

// Seen reports whether feed's item key (its link or GUID) was marked seen.
func (s *State) Seen(feed, key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.data.Seen[feed][key]
	return ok
}

// MarkSeen records that feed's item key was collected at time t.
func (s *State) MarkSeen(feed, key string, t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.data.Seen[feed]
	if m == nil {
		m = map[string]time.Time{}
		s.data.Seen[feed] = m
	}
	if _, ok := m[key]; !ok {
		m[key] = t
		s.dirty = true
	}
}

// Forget drops seen items first seen before cutoff, so the file does not
// grow without bound on long-running watches.
func (s *State) Forget(cutoff time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for feed, m := range s.data.Seen {
		for k, t := range m {
			if t.Before(cutoff) {
				delete(m, k)
				s.dirty = true
			}
		}
		if len(m) == 0 {
			delete(s.data.Seen, feed)
		}
	}
}

// Save writes the state file atomically (a temporary file renamed over the
// old one) if anything changed. It is a no-op for an in-memory state.
func (s *State) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.path == "" || !s.dirty {
		return nil
	}
	b, err := json.MarshalIndent(&s.data, "", " ")
	if err != nil {
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".tmp*")
	if err != nil {
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("fetch state %s: %w", s.path, err)
	}
	s.dirty = false
	return nil
}
