// Command pipelinebench is the Go side of the side-by-side benchmark run by
// benchmarks/compare: the same pipeline shapes as the Rust bench
// (benches/compare.rs), written the way the Go blog "Go Concurrency Patterns:
// Pipelines and cancellation" writes them: every send selects on a done
// channel, each goroutine closes the channels it owns when it exits, and
// fan-in merges with a sync.WaitGroup.
//
// Output: TSV on stdout, one line per measurement, no header:
//
//	shape	work	capacity	variant	ns_per_item
//
// with variant "go" (the pipeline) or "go_sequential" (a plain loop doing the
// same arithmetic). Progress goes to stderr.
//
// Run: go build -o ../../target/benchmarks/go-bench . && ../../target/benchmarks/go-bench [-quick]
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"
)

// procs is the number of OS threads running Go code, matching the Rust side's
// two-worker tokio runtime.
const procs = 2

// fanWidth is the number of sq goroutines in the fan shape.
const fanWidth = 4

// work is the per-item CPU cost: iters rounds of a wrapping multiply-xorshift.
func work(x uint64, iters int) uint64 {
	h := x
	for i := 0; i < iters; i++ {
		h = (h ^ (h >> 31)) * 0x9E3779B97F4A7C15
	}
	return h
}

// sqOf is the "sq" stage's function: n*n plus one bit of work(n).
func sqOf(n uint64, iters int) uint64 {
	return n*n + (work(n, iters) & 1)
}

// gen emits 1..=count on a channel of the given capacity.
func gen(done <-chan struct{}, capacity int, count uint64) <-chan uint64 {
	out := make(chan uint64, capacity)
	go func() {
		defer close(out)
		for n := uint64(1); n <= count; n++ {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

// mapStage applies f to every item of in.
func mapStage(done <-chan struct{}, in <-chan uint64, capacity int, f func(uint64) uint64) <-chan uint64 {
	out := make(chan uint64, capacity)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- f(n):
			case <-done:
				return
			}
		}
	}()
	return out
}

// sq is the blog's sq stage: one goroutine, its own output channel.
func sq(done <-chan struct{}, in <-chan uint64, capacity int, iters int) <-chan uint64 {
	out := make(chan uint64, capacity)
	go func() {
		defer close(out)
		for n := range in {
			select {
			case out <- sqOf(n, iters):
			case <-done:
				return
			}
		}
	}()
	return out
}

// sqWorkers runs `workers` sq goroutines reading the same input and sending on
// one shared output, closed once all of them have exited (the blog's bounded
// parallelism pattern). With one worker it is the plain sq stage.
func sqWorkers(done <-chan struct{}, in <-chan uint64, capacity int, iters int, workers int) <-chan uint64 {
	if workers == 1 {
		return sq(done, in, capacity, iters)
	}
	out := make(chan uint64, capacity)
	var wg sync.WaitGroup
	wg.Add(workers)
	for i := 0; i < workers; i++ {
		go func() {
			defer wg.Done()
			for n := range in {
				select {
				case out <- sqOf(n, iters):
				case <-done:
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// merge is the blog's fan-in: one goroutine per input copying to out, and a
// goroutine closing out once they have all exited.
func merge(done <-chan struct{}, capacity int, cs ...<-chan uint64) <-chan uint64 {
	var wg sync.WaitGroup
	out := make(chan uint64, capacity)
	output := func(c <-chan uint64) {
		defer wg.Done()
		for n := range c {
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

type config struct {
	shape    string // "sq", "fan" or "log"
	work     string // "0", "300ns" or "5us"
	capacity int
	items    uint64
}

// itersFor maps a work level to the number of rounds of work().
func itersFor(level string) int {
	switch level {
	case "0":
		return 0
	case "300ns":
		return 180
	case "5us":
		return 3000
	}
	panic("unknown work level " + level)
}

var configs = []config{
	{"sq", "0", 1, 200_000},
	{"sq", "0", 64, 1_000_000},
	{"sq", "0", 1024, 1_000_000},
	{"sq", "300ns", 64, 200_000},
	{"sq", "5us", 64, 20_000},
	{"fan", "0", 64, 1_000_000},
	{"fan", "300ns", 64, 200_000},
	{"fan", "5us", 64, 20_000},
	{"log", "0", 64, 1_000_000},
}

// runPipeline builds the config's pipeline, sums its output and tears it down.
func runPipeline(c config, iters int) uint64 {
	if c.shape == "log" {
		return runLogPipeline(c)
	}
	done := make(chan struct{})
	defer close(done)
	var out <-chan uint64
	switch c.shape {
	case "sq":
		workers := 1
		if iters > 0 {
			workers = procs
		}
		out = sqWorkers(done, gen(done, c.capacity, c.items), c.capacity, iters, workers)
	case "fan":
		in := gen(done, c.capacity, c.items)
		in = mapStage(done, in, c.capacity, func(n uint64) uint64 { return n + 1 })
		in = mapStage(done, in, c.capacity, func(n uint64) uint64 { return n * 3 })
		outs := make([]<-chan uint64, fanWidth)
		for i := range outs {
			outs[i] = sq(done, in, c.capacity, iters)
		}
		out = merge(done, c.capacity, outs...)
	default:
		panic("unknown shape " + c.shape)
	}
	var total uint64
	for n := range out {
		total += n
	}
	return total
}

// runSequential is the same arithmetic as the config's pipeline in one loop.
func runSequential(c config, iters int) uint64 {
	if c.shape == "log" {
		return runLogSequential(c)
	}
	var total uint64
	switch c.shape {
	case "sq":
		for n := uint64(1); n <= c.items; n++ {
			total += sqOf(n, iters)
		}
	case "fan":
		for n := uint64(1); n <= c.items; n++ {
			total += sqOf((n+1)*3, iters)
		}
	default:
		panic("unknown shape " + c.shape)
	}
	return total
}

// measure runs f once for warm-up and then `runs` timed times, checks every
// sum against expected and returns the median ns per item.
func measure(name string, c config, runs int, expected uint64, f func() uint64) float64 {
	check := func(got uint64) {
		if got != expected {
			fmt.Fprintf(os.Stderr, "FAIL: %s %s/%s/%d: sum %d, expected %d\n",
				name, c.shape, c.work, c.capacity, got, expected)
			os.Exit(1)
		}
	}
	check(f())
	perItem := make([]float64, runs)
	for i := range perItem {
		start := time.Now()
		got := f()
		elapsed := time.Since(start)
		check(got)
		perItem[i] = float64(elapsed.Nanoseconds()) / float64(c.items)
	}
	sort.Float64s(perItem)
	if runs%2 == 1 {
		return perItem[runs/2]
	}
	return (perItem[runs/2-1] + perItem[runs/2]) / 2
}

func main() {
	quick := flag.Bool("quick", false, "use N/10 items and 3 timed runs")
	items := flag.Uint64("n", 0, "override every config's item count (for checking sums by hand)")
	flag.Parse()

	runtime.GOMAXPROCS(procs)
	runs := 7
	if *quick {
		runs = 3
	}
	fmt.Fprintf(os.Stderr, "go bench: %s, GOMAXPROCS=%d, NumCPU=%d, %d timed runs, quick=%v\n",
		runtime.Version(), runtime.GOMAXPROCS(0), runtime.NumCPU(), runs, *quick)

	for _, c := range configs {
		if *quick {
			c.items /= 10
		}
		if *items > 0 {
			c.items = *items
		}
		iters := itersFor(c.work)
		expected := runSequential(c, iters)
		fmt.Fprintf(os.Stderr, "go bench: %s work=%s capacity=%d N=%d (expected sum %d)\n",
			c.shape, c.work, c.capacity, c.items, expected)

		seq := measure("go_sequential", c, runs, expected, func() uint64 { return runSequential(c, iters) })
		fmt.Printf("%s\t%s\t%d\tgo_sequential\t%.1f\n", c.shape, c.work, c.capacity, seq)

		pipe := measure("go", c, runs, expected, func() uint64 { return runPipeline(c, iters) })
		fmt.Printf("%s\t%s\t%d\tgo\t%.1f\n", c.shape, c.work, c.capacity, pipe)
	}
}
