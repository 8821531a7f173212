// Command wasmsize reports the size of app.wasm and of its compressed copies
// made at build time, and fails when the brotli copy is over budget:
//
//	go run ./tools/wasmsize [-file web/app.wasm] [-budget 1700000]
//
// It prints one line, e.g.
//
//	app.wasm: raw 7.31 MB, gzip 1.98 MB, brotli 1.47 MB (budget 1.70 MB brotli)
//
// and exits with status 1 when file.br is over -budget bytes, or when
// file.gz or file.br is missing, empty or older than file (left from an
// earlier build). Sizes are in decimal megabytes (1 MB = 1,000,000 bytes).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	file := flag.String("file", "web/app.wasm", "the uncompressed `wasm` file; its copies are file.gz and file.br")
	budget := flag.Int64("budget", 1_700_000, "most `bytes` file.br may have")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-file web/app.wasm] [-budget bytes]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || *budget <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	line, err := report(*file, *budget)
	if line != "" {
		fmt.Println(line)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

// report returns the size line for file and an error when a compressed copy
// is unusable or the brotli copy is over budget.
func report(file string, budget int64) (string, error) {
	raw, err := os.Stat(file)
	if err != nil {
		return "", err
	}
	var sizes [2]int64
	for i, ext := range []string{".gz", ".br"} {
		fi, err := os.Stat(file + ext)
		switch {
		case err != nil:
			return "", err
		case fi.Size() == 0:
			return "", fmt.Errorf("%s is empty", file+ext)
		case fi.ModTime().Before(raw.ModTime()):
			return "", fmt.Errorf("%s is older than %s: compress it again", file+ext, file)
		}
		sizes[i] = fi.Size()
	}
	gz, br := sizes[0], sizes[1]
	line := fmt.Sprintf("%s: raw %s, gzip %s, brotli %s (budget %s brotli)",
		filepath.Base(file), mb(raw.Size()), mb(gz), mb(br), mb(budget))
	if br > budget {
		return line, fmt.Errorf("%s is %d bytes, %d over the budget of %d bytes", file+".br", br, br-budget, budget)
	}
	return line, nil
}

// mb formats n bytes in decimal megabytes.
func mb(n int64) string {
	return fmt.Sprintf("%.2f MB", float64(n)/1e6)
}
