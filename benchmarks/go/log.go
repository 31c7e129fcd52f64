package main

// The log shape (benches/shapes/log.rs): read lines -> parse -> filter -> count
// by service, one string per line, as a Go programmer writes it with the
// blog's pattern: a goroutine per stage, each send selecting on done.

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

var levels = [4]string{"DEBUG", "INFO", "WARN", "ERROR"}
var services = [16]string{
	"auth", "billing", "cart", "catalog", "checkout", "search", "gateway", "inventory", "mail",
	"orders", "payments", "profile", "ratings", "shipping", "stock", "users",
}

var logTexts sync.Map // uint64 -> []byte

// logText is the same text the Rust side generates: `lines` lines.
func logText(lines uint64) []byte {
	if text, ok := logTexts.Load(lines); ok {
		return text.([]byte)
	}
	var b strings.Builder
	for i := uint64(0); i < lines; i++ {
		h := work(i, 3)
		fmt.Fprintf(&b, "%s %s %d request %d\n", levels[h%4], services[(h>>8)%16], (h>>16)%500, i)
	}
	text := []byte(b.String())
	logTexts.Store(lines, text)
	return text
}

type entry struct {
	line    string
	service string
	error   bool
	latency int
}

func parseLine(line string) entry {
	fields := strings.SplitN(line, " ", 4)
	e := entry{line: line}
	if len(fields) >= 3 {
		e.error = fields[0] == "ERROR"
		e.service = fields[1]
		e.latency, _ = strconv.Atoi(fields[2])
	}
	return e
}

func matters(e entry) bool { return e.error || e.latency >= 250 }

// logChecksum is the Rust side's checksum of the counts.
func logChecksum(counts map[string]uint64) uint64 {
	var total uint64
	for service, count := range counts {
		key := uint64(0xcbf29ce484222325)
		for i := 0; i < len(service); i++ {
			key = (key ^ uint64(service[i])) * 0x100000001b3
		}
		total += key * count
	}
	return total
}

func runLogSequential(c config) uint64 {
	counts := map[string]uint64{}
	scanner := bufio.NewScanner(bytes.NewReader(logText(c.items)))
	for scanner.Scan() {
		e := parseLine(scanner.Text())
		if matters(e) {
			counts[e.service]++
		}
	}
	return logChecksum(counts)
}

func runLogPipeline(c config) uint64 {
	done := make(chan struct{})
	defer close(done)
	lines := make(chan string, c.capacity)
	go func() {
		defer close(lines)
		scanner := bufio.NewScanner(bytes.NewReader(logText(c.items)))
		for scanner.Scan() {
			select {
			case lines <- scanner.Text():
			case <-done:
				return
			}
		}
	}()
	parsed := make(chan entry, c.capacity)
	go func() {
		defer close(parsed)
		for line := range lines {
			select {
			case parsed <- parseLine(line):
			case <-done:
				return
			}
		}
	}()
	kept := make(chan entry, c.capacity)
	go func() {
		defer close(kept)
		for e := range parsed {
			if !matters(e) {
				continue
			}
			select {
			case kept <- e:
			case <-done:
				return
			}
		}
	}()
	counts := map[string]uint64{}
	for e := range kept {
		counts[e.service]++
	}
	return logChecksum(counts)
}
