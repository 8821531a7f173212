// Command wasmsize reports the size of app.wasm and of its compressed copies
// made at build time, and fails when the brotli copy is over budget:
//
//	go run ./tools/wasmsize [-file web/app.wasm] [-budget 1550000]
//
// It prints one line, e.g.
//
//	app.wasm: raw 7.31 MB, gzip 1.98 MB, brotli 1.47 MB (budget 1.55 MB brotli)
//
// and exits with status 1 when file.br is over -budget bytes, or when
// file.gz or file.br is missing, empty or older than file (left from an
// earlier build). Sizes are in decimal megabytes (1 MB = 1,000,000 bytes).
//
// With -names, a build of the same program without -ldflags=-s (its
// WebAssembly "name" section keeps every function's name), it also says
// where the bytes go: the code and data sections, the code by Go package
// (-top of them) and the largest functions (-funcs of them); make size
// prints it. The data section (strings, type descriptors, the function
// table for stack traces) is not split by package.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	file := flag.String("file", "web/app.wasm", "the uncompressed `wasm` file; its copies are file.gz and file.br")
	budget := flag.Int64("budget", 1_550_000, "most `bytes` file.br may have")
	names := flag.String("names", "", "an unstripped build of the same `wasm` (no -ldflags=-s): also print its code size by Go package")
	top := flag.Int("top", 12, "with -names, how many `packages` to list")
	funcs := flag.Int("funcs", 0, "with -names, also list this many of the largest `functions`")
	mainPkg := flag.String("main", "./cmd/quizwasm", "with -names, the main `package` the wasm was built from (its packages are listed with go list)")
	modfile := flag.String("modfile", "", "with -names, the `go.mod` the wasm was built with (go build -modfile), if not ./go.mod")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-file web/app.wasm] [-budget bytes] [-names unstripped.wasm [-modfile go.mod] [-top n] [-funcs n]]")
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
	if *names != "" {
		pkgs, err := listPackages(*mainPkg, *modfile)
		if err == nil {
			err = printShares(os.Stdout, *names, pkgs, *top, *funcs)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize:", err)
			os.Exit(1)
		}
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

// listPackages returns the packages that main links when built for
// js/wasm (with modfile in place of go.mod, when not ""), as go list -deps
// prints them.
func listPackages(main, modfile string) (packages, error) {
	goCmd := os.Getenv("GO")
	if goCmd == "" {
		goCmd = "go"
	}
	args := []string{"list", "-deps", "-f", "{{.ImportPath}}"}
	if modfile != "" {
		args = append(args, "-modfile", modfile)
	}
	cmd := exec.Command(goCmd, append(args, main)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps %s: %v: %s", main, err, strings.TrimSpace(stderr.String()))
	}
	return newPackages(strings.Fields(string(out))), nil
}
