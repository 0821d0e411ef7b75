//go:build unix

package extract

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) used by the process, so
// benchmarks can report speed on a machine shared with other work.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
