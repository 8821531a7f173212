package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// wasmContext selects the files of a package that a js/wasm build compiles.
var wasmContext = func() build.Context {
	c := build.Default
	c.GOOS, c.GOARCH = "js", "wasm"
	return c
}()

// A decl is one top-level declaration of a file: a function or method, or
// one spec of a type, const or var declaration.
type decl struct {
	node ast.Node        // *ast.FuncDecl or an ast.Spec
	name string          // what it declares ("T.M" for a method)
	uses []*decl         // the declarations it refers to
	pkgs map[string]bool // the import paths it refers to
	init bool            // a package init function
	pos  token.Position  // for messages
	drop bool            // left out
}

type srcFile struct {
	path    string
	ast     *ast.File
	imports map[string]string // name used in the file → import path
	decls   []*decl
}

// trimPackage rewrites, in the package in dir, every file built for
// js/wasm without the top-level declarations that use the package imp,
// directly or through other declarations left out, and without the
// imports no longer used. It returns the declarations left out, as
// "file.go: name". What uses what is read from the type-checked package
// (go/types), so x.m names exactly the method m of x's type; exports
// gives the compiler's export data file of each package it imports.
func trimPackage(dir, imp string, exports map[string]string) ([]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []*srcFile
	var asts []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := wasmContext.MatchFile(dir, name); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		path := filepath.Join(dir, name)
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, &srcFile{path: path, ast: f})
		asts = append(asts, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no Go files for js/wasm", dir)
	}

	// Type-check the package as a js/wasm build sees it.
	lookup := func(path string) (io.ReadCloser, error) {
		if f, ok := exports[path]; ok && f != "" {
			return os.Open(f)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup), Sizes: types.SizesFor("gc", "wasm")}
	pkg, err := conf.Check(asts[0].Name.Name, fset, asts, info)
	if err != nil {
		return nil, fmt.Errorf("type-checking for js/wasm: %w", err)
	}

	var all []*decl
	for _, f := range files {
		f.readDecls(fset)
		all = append(all, f.decls...)
	}
	// declOf finds the declaration an object is declared in.
	declOf := func(obj types.Object) *decl {
		for _, d := range all {
			if d.node.Pos() <= obj.Pos() && obj.Pos() < d.node.End() {
				return d
			}
		}
		return nil
	}
	for _, d := range all {
		ast.Inspect(d.node, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			switch obj := info.Uses[id].(type) {
			case nil:
			case *types.PkgName:
				d.pkgs[obj.Imported().Path()] = true
			default:
				if obj.Pkg() != pkg {
					break
				}
				if u := declOf(obj); u != nil && u != d {
					d.uses = append(d.uses, u)
				}
			}
			return true
		})
	}

	// Leave out what uses imp, then what uses what was left out.
	for changed := true; changed; {
		changed = false
		for _, d := range all {
			if !d.drop && (d.pkgs[imp] || slices.ContainsFunc(d.uses, func(u *decl) bool { return u.drop })) {
				d.drop, changed = true, true
			}
		}
	}

	var report []string
	for _, d := range all {
		if !d.drop {
			continue
		}
		if d.init {
			return nil, fmt.Errorf("%s: the package's init function uses %s: leaving it out would change what the package does", d.pos, imp)
		}
		report = append(report, fmt.Sprintf("%s: %s", filepath.Base(d.pos.Filename), d.name))
	}
	for _, f := range files {
		if !slices.ContainsFunc(f.decls, func(d *decl) bool { return d.drop }) {
			continue
		}
		b, err := f.write(fset)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(f.path, b, 0o644); err != nil {
			return nil, err
		}
	}
	return report, nil
}

// readDecls lists the file's top-level declarations.
func (sf *srcFile) readDecls(fset *token.FileSet) {
	sf.imports = map[string]string{}
	for _, spec := range sf.ast.Imports {
		p, _ := strconv.Unquote(spec.Path.Value)
		name := p[strings.LastIndexByte(p, '/')+1:]
		if spec.Name != nil {
			name = spec.Name.Name
		}
		sf.imports[name] = p
	}
	add := func(node ast.Node, name string) *decl {
		d := &decl{node: node, name: name, pkgs: map[string]bool{}, pos: fset.Position(node.Pos())}
		sf.decls = append(sf.decls, d)
		return d
	}
	for _, dd := range sf.ast.Decls {
		switch dd := dd.(type) {
		case *ast.FuncDecl:
			name := dd.Name.Name
			if dd.Recv != nil && len(dd.Recv.List) == 1 {
				name = recvType(dd.Recv.List[0].Type) + "." + name
			}
			d := add(dd, name)
			d.init = dd.Recv == nil && name == "init"
		case *ast.GenDecl:
			if dd.Tok == token.IMPORT {
				continue
			}
			for _, spec := range dd.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					add(s, s.Name.Name)
				case *ast.ValueSpec:
					var names []string
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
					add(s, strings.Join(names, ", "))
				}
			}
		}
	}
}

// recvType is the name of a method's receiver type: T for T, *T, T[P].
func recvType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// write returns the file's source without its dropped declarations (and
// their comments) and without the imports no longer used.
func (sf *srcFile) write(fset *token.FileSet) ([]byte, error) {
	f := sf.ast
	type span struct{ from, to token.Pos }
	var gone []span
	keep := map[*ast.GenDecl][]ast.Spec{}
	droppedSpec := map[ast.Spec]bool{}
	for _, d := range sf.decls {
		if !d.drop {
			continue
		}
		switch n := d.node.(type) {
		case *ast.FuncDecl:
			from := n.Pos()
			if n.Doc != nil {
				from = n.Doc.Pos()
			}
			gone = append(gone, span{from, n.End()})
		case ast.Spec:
			droppedSpec[n] = true
		}
	}
	var decls []ast.Decl
	for _, dd := range f.Decls {
		switch dd := dd.(type) {
		case *ast.FuncDecl:
			if slices.ContainsFunc(sf.decls, func(d *decl) bool { return d.drop && d.node == dd }) {
				continue
			}
		case *ast.GenDecl:
			if dd.Tok != token.IMPORT {
				for _, s := range dd.Specs {
					if !droppedSpec[s] {
						keep[dd] = append(keep[dd], s)
					}
				}
				if len(keep[dd]) == 0 {
					from := dd.Pos()
					if dd.Doc != nil {
						from = dd.Doc.Pos()
					}
					gone = append(gone, span{from, dd.End()})
					continue
				}
				for _, s := range dd.Specs {
					if droppedSpec[s] {
						gone = append(gone, span{specStart(s), s.End()})
					}
				}
				dd.Specs = keep[dd]
			}
		}
		decls = append(decls, dd)
	}
	f.Decls = decls
	f.Comments = slices.DeleteFunc(f.Comments, func(c *ast.CommentGroup) bool {
		for _, g := range gone {
			if c.Pos() >= g.from && c.End() <= g.to {
				return true
			}
		}
		return false
	})

	// Imports that nothing left uses.
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := s.X.(*ast.Ident); ok {
				used[x.Name] = true
			}
		}
		return true
	})
	for name, path := range sf.imports {
		if name == "_" || name == "." || used[name] {
			continue
		}
		if !deleteImport(f, path) {
			return nil, fmt.Errorf("%s: cannot remove the unused import %q", sf.path, path)
		}
	}

	var buf bytes.Buffer
	if err := format.Node(&buf, fset, f); err != nil {
		return nil, fmt.Errorf("%s: %w", sf.path, err)
	}
	return buf.Bytes(), nil
}

func specStart(s ast.Spec) token.Pos {
	switch s := s.(type) {
	case *ast.TypeSpec:
		if s.Doc != nil {
			return s.Doc.Pos()
		}
	case *ast.ValueSpec:
		if s.Doc != nil {
			return s.Doc.Pos()
		}
	}
	return s.Pos()
}

// deleteImport removes the import of path from f.
func deleteImport(f *ast.File, path string) bool {
	found := false
	for i := 0; i < len(f.Decls); i++ {
		gd, ok := f.Decls[i].(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		gd.Specs = slices.DeleteFunc(gd.Specs, func(s ast.Spec) bool {
			is := s.(*ast.ImportSpec)
			p, _ := strconv.Unquote(is.Path.Value)
			if p == path {
				found = true
				return true
			}
			return false
		})
		if len(gd.Specs) == 0 {
			f.Decls = slices.Delete(f.Decls, i, i+1)
			i--
		}
	}
	f.Imports = slices.DeleteFunc(f.Imports, func(is *ast.ImportSpec) bool {
		p, _ := strconv.Unquote(is.Path.Value)
		return p == path
	})
	return found
}
