// Package cputime reads the CPU time the process has used, so benchmarks
// can report rates that do not depend on other load on a shared machine.
package cputime
