package main

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyDir copies testdata/name into a temporary directory (trimPackage
// rewrites files in place).
func copyDir(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", name, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// stdExports is the export data of net/http, fmt and strings (and what
// they import) for js/wasm.
func stdExports(t *testing.T) map[string]string {
	t.Helper()
	exports, err := exportData("net/http", "fmt", "strings")
	if err != nil {
		t.Fatal(err)
	}
	return exports
}

func TestTrimPackage(t *testing.T) {
	exports := stdExports(t)
	dir := copyDir(t, "lib")
	other, err := os.ReadFile(filepath.Join(dir, "server_other.go"))
	if err != nil {
		t.Fatal(err)
	}

	dropped, err := trimPackage(dir, "net/http", exports)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"client.go: Boot",
		"client.go: served",
		"server.go: Server.ServeHTTP",
		"server.go: Server.serve",
		"server.go: Handle",
		"server.go: Wrapped",
		"server.go: Status",
	}
	if !slices.Equal(dropped, want) {
		t.Errorf("left out\n  %s\nwant\n  %s", strings.Join(dropped, "\n  "), strings.Join(want, "\n  "))
	}

	// What is left type-checks for js/wasm without net/http, and keeps
	// everything that did not need it.
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range []string{"server.go", "client.go"} {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			t.Fatalf("%s after trimming: %v", name, err)
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"net/http"` {
				t.Errorf("%s still imports net/http", name)
			}
		}
		files = append(files, f)
	}
	lookup := func(path string) (io.ReadCloser, error) { return os.Open(exports[path]) }
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	pkg, err := conf.Check("lib", fset, files, nil)
	if err != nil {
		t.Fatalf("the trimmed package does not type-check: %v", err)
	}
	for _, name := range []string{"Server", "Client", "helper", "Reset", "Plain", "Limit"} {
		if pkg.Scope().Lookup(name) == nil {
			t.Errorf("%s was left out; it uses nothing from net/http", name)
		}
	}
	server := pkg.Scope().Lookup("Server").Type().(*types.Named)
	if obj, _, _ := types.LookupFieldOrMethod(server, true, pkg, "reset"); obj == nil {
		t.Error("Server.reset was left out; it uses nothing from net/http")
	}
	b, err := os.ReadFile(filepath.Join(dir, "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"ServeHTTP answers", "Wrapped embeds", "Status is"} {
		if strings.Contains(string(b), gone) {
			t.Errorf("server.go keeps the comment %q of a declaration left out:\n%s", gone, b)
		}
	}
	for _, kept := range []string{"reset uses no net/http", "Plain stays", "Limit stays"} {
		if !strings.Contains(string(b), kept) {
			t.Errorf("server.go lost the comment %q of a declaration kept:\n%s", kept, b)
		}
	}

	// A file not built for js/wasm is left as it was.
	if got, err := os.ReadFile(filepath.Join(dir, "server_other.go")); err != nil || string(got) != string(other) {
		t.Errorf("server_other.go (//go:build !wasm) was changed (%v):\n%s", err, got)
	}
}

func TestTrimPackageKeepsInit(t *testing.T) {
	dir := copyDir(t, "initlib")
	before, err := os.ReadFile(filepath.Join(dir, "init.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = trimPackage(dir, "net/http", stdExports(t))
	if err == nil || !strings.Contains(err.Error(), "init function uses net/http") {
		t.Errorf("trimPackage on a package whose init uses net/http: %v; want an error", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "init.go")); string(after) != string(before) {
		t.Errorf("init.go was rewritten though trimming failed:\n%s", after)
	}
}
