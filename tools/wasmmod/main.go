// Command wasmmod prepares the module setup that web/app.wasm is built
// with: a copy of go-app's packages without their server-only code, and a
// go.mod that uses that copy.
//
//	go run ./tools/wasmmod [-out build/wasm] [-main ./cmd/quizwasm]
//	GOOS=js GOARCH=wasm go build -modfile build/wasm/go.mod ./cmd/quizwasm
//
// go-app's package app holds both the browser client and the server's
// Handler, so a client that never calls the Handler still imports
// net/http. Go links every imported package's initialisation, and net/http
// brings crypto/tls, crypto/x509, crypto/hpke and their elliptic curves:
// about 1.5 MB raw and 0.35 MB brotli of app.wasm that never runs
// (docs/SIZE.md has the measurements).
//
// wasmmod copies the go-app module that go.mod requires, at that version,
// from the module cache into OUT/go-app (the cache itself is read-only).
// In every file of its package app that is built for js/wasm it leaves
// out each top-level declaration that uses net/http, then each one that
// uses a declaration left out, until none is left, and the imports no
// longer used. It then writes OUT/go.mod, a copy of go.mod that replaces
// go-app with the copy, and OUT/go.sum, and checks with go list that the
// main package no longer links net/http for js/wasm. The server and the
// tests keep the real module: nothing but the wasm build uses OUT.
//
// It stops with an error rather than leave out a package init function,
// and prints each declaration it leaves out with -v.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// goApp is the module whose server-only code the client leaves out.
const goApp = "github.com/maxence-charriere/go-app/v10"

// trimmed are its packages that wasmmod trims, and the import they must
// lose.
var trimmed = map[string]string{"pkg/app": "net/http"}

func main() {
	out := flag.String("out", "build/wasm", "the `directory` to write go.mod, go.sum and go-app/ in")
	mainPkg := flag.String("main", "./cmd/quizwasm", "the wasm's main `package`, checked not to link net/http")
	verbose := flag.Bool("v", false, "print each declaration left out")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: wasmmod [-out build/wasm] [-main ./cmd/quizwasm] [-v]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, *mainPkg, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "wasmmod:", err)
		os.Exit(1)
	}
}

func run(out, mainPkg string, verbose bool) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	src, err := moduleDir(goApp)
	if err != nil {
		return err
	}
	// go.mod last: it exists only beside a complete copy.
	if err := os.Remove(filepath.Join(out, "go.mod")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dst := filepath.Join(out, "go-app")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := copyModule(src, dst); err != nil {
		return err
	}
	for pkg, imp := range trimmed {
		exports, err := exportData(goApp + "/" + pkg)
		if err != nil {
			return err
		}
		dropped, err := trimPackage(filepath.Join(dst, filepath.FromSlash(pkg)), imp, exports)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", goApp, pkg, err)
		}
		if verbose {
			fmt.Printf("%s/%s: left out %d declarations that use %s:\n", goApp, pkg, len(dropped), imp)
			for _, d := range dropped {
				fmt.Println("  " + d)
			}
		}
	}
	if err := writeModFile(out, dst); err != nil {
		return err
	}
	return checkDeps(out, mainPkg)
}

// moduleDir downloads (when needed) the version of module that go.mod
// requires and returns its directory in the module cache.
func moduleDir(module string) (string, error) {
	b, err := goCmd(nil, "mod", "download", "-json", module)
	if err != nil {
		return "", err
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("go mod download -json %s: %w", module, err)
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", module, m.Error)
	}
	return m.Dir, nil
}

// exportData returns the compiler's export data file of each package that
// pkgs depend on when built for js/wasm, by import path (go list -export
// compiles them, or finds them in the build cache).
func exportData(pkgs ...string) (map[string]string, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, pkgs...)
	b, err := goCmd([]string{"GOOS=js", "GOARCH=wasm"}, args...)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for line := range strings.Lines(string(b)) {
		path, file, _ := strings.Cut(strings.TrimSpace(line), "\t")
		m[path] = file
	}
	return m, nil
}

// copyModule copies the module at src to dst: its go.mod, LICENSE, and the
// Go files of its packages other than tests. The copies are writable.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && rel != "pkg" && !strings.HasPrefix(rel, "pkg"+string(filepath.Separator)) {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if rel != "go.mod" && rel != "LICENSE" && (!strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// writeModFile writes out/go.mod, the main module's go.mod with go-app
// replaced by the copy in dir, and out/go.sum, a copy of go.sum (go build
// -modfile reads the .sum beside the .mod). The replacement is a path
// relative to the main module (the current directory), as go build
// resolves it: the build records it in app.wasm, which then does not
// depend on where the repository is checked out.
func writeModFile(out, dir string) error {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("%s is not inside the main module %s", dir, wd)
	}
	dir = "./" + filepath.ToSlash(rel)
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		return err
	}
	mod = fmt.Appendf(bytes.Clone(mod), "\n// Written by tools/wasmmod for the wasm build: go-app without its server code.\nreplace %s => %s\n", goApp, dir)
	if err := os.WriteFile(filepath.Join(out, "go.mod"), mod, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "go.sum"), sum, 0o644)
}

// checkDeps fails when mainPkg, built for js/wasm with out/go.mod, still
// links a package that trimming should have removed.
func checkDeps(out, mainPkg string) error {
	b, err := goCmd([]string{"GOOS=js", "GOARCH=wasm"}, "list", "-modfile", filepath.Join(out, "go.mod"), "-deps", mainPkg)
	if err != nil {
		return err
	}
	deps := strings.Fields(string(b))
	for _, imp := range trimmed {
		if slices.Contains(deps, imp) {
			return fmt.Errorf("%s built for js/wasm with %s still links %s", mainPkg, filepath.Join(out, "go.mod"), imp)
		}
	}
	return nil
}

// goCmd runs the go command ($GO, else go) with env added to the
// environment and returns its standard output.
func goCmd(env []string, args ...string) ([]byte, error) {
	name := os.Getenv("GO")
	if name == "" {
		name = "go"
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return b, nil
}
