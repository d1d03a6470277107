// Package cputime reads the processor time the process has used, which
// benchmarks report beside the wall time: on a machine shared with other
// work the wall time depends on what else runs, the CPU time much less.
package cputime
