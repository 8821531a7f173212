package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
)

// A module is what the size report needs from a WebAssembly binary: the
// size of each section, and each defined function's name (from the "name"
// custom section, which -ldflags=-s strips) and code size.
type module struct {
	sections []section
	funcs    []function
}

type section struct {
	name string // "code", "data", or a custom section's own name
	size int    // bytes of the section's contents
}

type function struct {
	name string // Go's symbol name, e.g. "pmoquiz/app/quiz.Score"; "" when the binary has no names
	size int    // bytes of its body in the code section
}

// The standard sections' names, by id (WebAssembly core spec, 5.5.2).
var sectionNames = []string{"custom", "type", "import", "function", "table",
	"memory", "global", "export", "start", "element", "code", "data", "datacount"}

// parseModule reads a WebAssembly binary's sections, the sizes of its
// function bodies and, when present, their names.
func parseModule(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly binary")
	}
	if v := binary.LittleEndian.Uint32(b[4:8]); v != 1 {
		return nil, fmt.Errorf("WebAssembly version %d, want 1", v)
	}
	m := &module{}
	imported := 0 // imported functions come first in the function index space
	var names map[int]string
	r := bytes.NewReader(b[8:])
	for r.Len() > 0 {
		id, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		n, err := readU32(r)
		if err != nil {
			return nil, err
		}
		if int(n) > r.Len() {
			return nil, fmt.Errorf("section %d runs past the end of the file", id)
		}
		body := make([]byte, n)
		_, _ = r.Read(body)
		s := section{size: int(n)}
		if int(id) < len(sectionNames) {
			s.name = sectionNames[id]
		} else {
			s.name = fmt.Sprintf("section %d", id)
		}
		br := bytes.NewReader(body)
		switch s.name {
		case "custom":
			name, err := readName(br)
			if err != nil {
				return nil, err
			}
			s.name = name
			if name == "name" {
				if names, err = readFuncNames(br); err != nil {
					return nil, fmt.Errorf("name section: %w", err)
				}
			}
		case "import":
			if imported, err = countFuncImports(br); err != nil {
				return nil, fmt.Errorf("import section: %w", err)
			}
		case "code":
			count, err := readU32(br)
			if err != nil {
				return nil, err
			}
			for range count {
				size, err := readU32(br)
				if err != nil {
					return nil, fmt.Errorf("code section: %w", err)
				}
				if _, err := br.Seek(int64(size), io.SeekCurrent); err != nil {
					return nil, err
				}
				m.funcs = append(m.funcs, function{size: int(size)})
			}
		}
		m.sections = append(m.sections, s)
	}
	for i := range m.funcs {
		m.funcs[i].name = names[imported+i]
	}
	return m, nil
}

// countFuncImports returns how many of the import section's entries are
// functions.
func countFuncImports(r *bytes.Reader) (int, error) {
	count, err := readU32(r)
	if err != nil {
		return 0, err
	}
	funcs := 0
	for range count {
		for range 2 { // module and field names
			if _, err := readName(r); err != nil {
				return 0, err
			}
		}
		kind, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch kind {
		case 0: // function: type index
			funcs++
			_, err = readU32(r)
		case 1: // table: element type, limits
			if _, err = r.ReadByte(); err == nil {
				err = skipLimits(r)
			}
		case 2: // memory: limits
			err = skipLimits(r)
		case 3: // global: value type, mutability
			_, err = r.Seek(2, io.SeekCurrent)
		default:
			err = fmt.Errorf("unknown import kind %d", kind)
		}
		if err != nil {
			return 0, err
		}
	}
	return funcs, nil
}

func skipLimits(r *bytes.Reader) error {
	flags, err := r.ReadByte()
	if err != nil {
		return err
	}
	if _, err := readU32(r); err != nil {
		return err
	}
	if flags&1 != 0 {
		_, err = readU32(r)
	}
	return err
}

// readFuncNames reads the function names subsection (id 1) of a "name"
// section: function index → name.
func readFuncNames(r *bytes.Reader) (map[int]string, error) {
	names := map[int]string{}
	for r.Len() > 0 {
		id, err := r.ReadByte()
		if err != nil {
			return nil, err
		}
		n, err := readU32(r)
		if err != nil {
			return nil, err
		}
		if id != 1 {
			if _, err := r.Seek(int64(n), io.SeekCurrent); err != nil {
				return nil, err
			}
			continue
		}
		count, err := readU32(r)
		if err != nil {
			return nil, err
		}
		for range count {
			idx, err := readU32(r)
			if err != nil {
				return nil, err
			}
			name, err := readName(r)
			if err != nil {
				return nil, err
			}
			names[int(idx)] = name
		}
	}
	return names, nil
}

func readName(r *bytes.Reader) (string, error) {
	n, err := readU32(r)
	if err != nil {
		return "", err
	}
	if int(n) > r.Len() {
		return "", io.ErrUnexpectedEOF
	}
	b := make([]byte, n)
	_, _ = r.Read(b)
	return string(b), nil
}

// readU32 reads an unsigned LEB128 number of at most 32 bits.
func readU32(r *bytes.Reader) (uint32, error) {
	v, err := binary.ReadUvarint(r)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err == nil && v > 1<<32-1 {
		err = errors.New("number larger than 32 bits")
	}
	return uint32(v), err
}

// symbolName is how Go's wasm linker writes a symbol's name in the name
// section: every character other than a letter, digit, '_' or '.' becomes
// '_' (cmd/link/internal/wasm, nameRegexp).
var symbolName = regexp.MustCompile(`[^\w.]`)

// A packages maps each linked Go package's path, as the linker writes it in
// the name section, to the path itself.
type packages map[string]string

func newPackages(paths []string) packages {
	p := packages{}
	for _, path := range paths {
		p[symbolName.ReplaceAllString(path, "_")] = path
	}
	return p
}

// of returns the package a function named sym belongs to:
// "pmoquiz/app/quiz" for "pmoquiz_app_quiz.__reader_.check" (the
// sanitized "pmoquiz/app/quiz.(*reader).check"), and the package of T for
// the generated "type:.eq.T" and "type:.hash.T". It returns "(other)" for
// a name that no listed package starts.
func (p packages) of(sym string) string {
	for _, prefix := range []string{"type_.eq.", "type_.hash."} {
		sym = strings.TrimPrefix(sym, prefix)
	}
	sym = strings.TrimLeft(sym, "_0123456789") // [2]T, *T
	best := ""
	for i := range len(sym) {
		if sym[i] == '.' && len(sym[:i]) > len(best) {
			if _, ok := p[sym[:i]]; ok {
				best = sym[:i]
			}
		}
	}
	if best == "" {
		return "(other)"
	}
	return p[best]
}

// display returns sym with its package's path as written in Go:
// "pmoquiz/app/quiz.__reader_.check" for "pmoquiz_app_quiz.__reader_.check"
// (the rest stays as the linker wrote it).
func (p packages) display(sym string) string {
	path := p.of(sym)
	prefix := symbolName.ReplaceAllString(path, "_")
	if rest, ok := strings.CutPrefix(sym, prefix+"."); ok {
		return path + "." + rest
	}
	return sym
}

// A share is the code size of one package, or of one function.
type share struct {
	name  string
	size  int
	funcs int
}

// byPackage sums the functions' code sizes by Go package, largest first.
func byPackage(funcs []function, pkgs packages) []share {
	sum := map[string]*share{}
	for _, f := range funcs {
		p := pkgs.of(f.name)
		if sum[p] == nil {
			sum[p] = &share{name: p}
		}
		sum[p].size += f.size
		sum[p].funcs++
	}
	var out []share
	for _, s := range sum {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b share) int {
		if a.size != b.size {
			return b.size - a.size
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

// printShares writes where the bytes of the unstripped binary file go: its
// code and data sections, its code by Go package (the top largest) and
// its funcs largest functions.
func printShares(w io.Writer, file string, pkgs packages, top, funcs int) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	m, err := parseModule(b)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if len(m.funcs) > 0 && m.funcs[0].name == "" {
		return fmt.Errorf("%s has no function names: build it without -ldflags=-s", file)
	}
	var code, data int
	for _, s := range m.sections {
		switch s.name {
		case "code":
			code = s.size
		case "data":
			data = s.size
		}
	}
	total := 0
	for _, f := range m.funcs {
		total += f.size
	}
	fmt.Fprintf(w, "code %s in %d functions, data %s (strings, type and function tables); code by package:\n",
		mb(int64(code)), len(m.funcs), mb(int64(data)))
	line := func(size int, what string) {
		fmt.Fprintf(w, "  %6.0f kB %5.1f %%  %s\n", float64(size)/1e3, 100*float64(size)/float64(max(total, 1)), what)
	}
	shares := byPackage(m.funcs, pkgs)
	for i, p := range shares {
		if i == top {
			rest := 0
			for _, q := range shares[i:] {
				rest += q.size
			}
			line(rest, fmt.Sprintf("%d more packages", len(shares)-i))
			break
		}
		line(p.size, fmt.Sprintf("%s (%d functions)", p.name, p.funcs))
	}
	if funcs > 0 {
		fs := slices.Clone(m.funcs)
		slices.SortStableFunc(fs, func(a, b function) int { return b.size - a.size })
		fmt.Fprintf(w, "largest functions:\n")
		for _, f := range fs[:min(funcs, len(fs))] {
			fmt.Fprintf(w, "  %9d  %s\n", f.size, pkgs.display(f.name))
		}
	}
	return nil
}
