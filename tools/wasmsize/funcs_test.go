package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wasmModule encodes a module with one imported function and the given
// function bodies (sizes in bytes, contents irrelevant) named in a name
// section when names is not nil.
func wasmModule(bodies []int, names []string) []byte {
	uleb := func(b *bytes.Buffer, v int) { b.Write(binary.AppendUvarint(nil, uint64(v))) }
	str := func(b *bytes.Buffer, s string) { uleb(b, len(s)); b.WriteString(s) }
	var out bytes.Buffer
	out.WriteString("\x00asm\x01\x00\x00\x00")
	sec := func(id byte, body *bytes.Buffer) {
		out.WriteByte(id)
		uleb(&out, body.Len())
		out.Write(body.Bytes())
	}
	var typ bytes.Buffer
	uleb(&typ, 1)
	typ.Write([]byte{0x60, 0, 0}) // func() ()
	sec(1, &typ)
	var imp bytes.Buffer
	uleb(&imp, 2)
	str(&imp, "go")
	str(&imp, "debug")
	imp.Write([]byte{0, 0}) // function of type 0
	str(&imp, "env")
	str(&imp, "mem")
	imp.Write([]byte{2, 0, 1}) // memory, min 1
	sec(2, &imp)
	var fn bytes.Buffer
	uleb(&fn, len(bodies))
	for range bodies {
		uleb(&fn, 0)
	}
	sec(3, &fn)
	var code bytes.Buffer
	uleb(&code, len(bodies))
	for _, n := range bodies {
		uleb(&code, n)
		code.Write(make([]byte, n))
	}
	sec(10, &code)
	var data bytes.Buffer
	data.Write(make([]byte, 100))
	sec(11, &data)
	if names != nil {
		var ns, fnames bytes.Buffer
		str(&ns, "name")
		uleb(&fnames, len(names))
		for i, name := range names {
			uleb(&fnames, 1+i) // after the one import
			str(&fnames, name)
		}
		ns.WriteByte(1)
		uleb(&ns, fnames.Len())
		ns.Write(fnames.Bytes())
		sec(0, &ns)
	}
	return out.Bytes()
}

func TestParseModule(t *testing.T) {
	m, err := parseModule(wasmModule([]int{300, 20, 5}, []string{"main.main", "runtime.mallocgc", "pmoquiz_app_quiz.__reader_.check"}))
	if err != nil {
		t.Fatal(err)
	}
	want := []function{{"main.main", 300}, {"runtime.mallocgc", 20}, {"pmoquiz_app_quiz.__reader_.check", 5}}
	if len(m.funcs) != len(want) {
		t.Fatalf("parseModule found %d functions %v; want %v", len(m.funcs), m.funcs, want)
	}
	for i := range want {
		if m.funcs[i] != want[i] {
			t.Errorf("function %d = %+v; want %+v", i, m.funcs[i], want[i])
		}
	}
	sizes := map[string]int{}
	for _, s := range m.sections {
		sizes[s.name] = s.size
	}
	if sizes["data"] != 100 || sizes["code"] == 0 || sizes["name"] == 0 {
		t.Errorf("sections %v; want data 100, code and name", m.sections)
	}

	// Stripped: sizes without names.
	m, err = parseModule(wasmModule([]int{7}, nil))
	if err != nil || len(m.funcs) != 1 || m.funcs[0] != (function{"", 7}) {
		t.Errorf("stripped module: %+v, %v; want one unnamed function of 7 bytes", m, err)
	}

	for name, b := range map[string][]byte{
		"empty":      nil,
		"not wasm":   []byte("\x7fELF\x02\x01\x01\x00"),
		"version 2":  []byte("\x00asm\x02\x00\x00\x00"),
		"truncated":  wasmModule([]int{300}, []string{"main.main"})[:60],
		"cut header": []byte("\x00asm\x01\x00\x00\x00\x0a\xff"),
	} {
		if _, err := parseModule(b); err == nil {
			t.Errorf("parseModule(%s) succeeded; want an error", name)
		}
	}
}

func TestPackageOf(t *testing.T) {
	pkgs := newPackages([]string{"runtime", "pmoquiz/app/quiz", "pmoquiz/app/widget",
		"github.com/maxence-charriere/go-app/v10/pkg/app", "github.com/maxence-charriere/go-app/v10/pkg/errors",
		"internal/runtime/maps", "crypto/internal/fips140/nistec"})
	for sym, want := range map[string]string{
		"runtime.mallocgc":                      "runtime",
		"runtime.__mheap_.alloc":                "runtime",
		"runtime.gcDrain.func1":                 "runtime",
		"pmoquiz_app_quiz.__reader_.check":      "pmoquiz/app/quiz",
		"pmoquiz_app_widget.__quizPage_.Render": "pmoquiz/app/widget",
		"github.com_maxence_charriere_go_app_v10_pkg_app.nodeManager.updateHTML": "github.com/maxence-charriere/go-app/v10/pkg/app",
		"github.com_maxence_charriere_go_app_v10_pkg_errors.Error.Error":         "github.com/maxence-charriere/go-app/v10/pkg/errors",
		"internal_runtime_maps.__Map_.getWithKey":                                "internal/runtime/maps",
		"type_.eq.pmoquiz_app_quiz.Option":                                       "pmoquiz/app/quiz",
		"type_.eq.__2_pmoquiz_app_quiz.Option":                                   "pmoquiz/app/quiz",
		"crypto_internal_fips140_nistec.__P256Point_.Add":                        "crypto/internal/fips140/nistec",
		"_rt0_wasm_js": "(other)",
		"":             "(other)",
	} {
		if got := pkgs.of(sym); got != want {
			t.Errorf("package of %q = %q; want %q", sym, got, want)
		}
	}
}

func TestPrintShares(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "full.wasm")
	if err := os.WriteFile(file, wasmModule([]int{600, 300, 100, 50}, []string{"runtime.a", "pmoquiz_app_quiz.__Quiz_.Score", "runtime.b", "main.main"}), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs := newPackages([]string{"runtime", "pmoquiz/app/quiz", "main"})
	var out strings.Builder
	if err := printShares(&out, file, pkgs, 2, 2); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"in 4 functions",
		"1 kB  66.7 %  runtime (2 functions)", // 700 of 1050 bytes
		"0 kB  28.6 %  pmoquiz/app/quiz (1 functions)",
		"0 kB   4.8 %  1 more packages",
		"600  runtime.a",
		"300  pmoquiz/app/quiz.__Quiz_.Score",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printShares wrote\n%s\nwant a line with %q", out.String(), want)
		}
	}

	stripped := filepath.Join(dir, "stripped.wasm")
	if err := os.WriteFile(stripped, wasmModule([]int{10}, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := printShares(&out, stripped, pkgs, 2, 0); err == nil || !strings.Contains(err.Error(), "without -ldflags=-s") {
		t.Errorf("printShares on a stripped binary: %v; want an error saying to build without -s", err)
	}
}
