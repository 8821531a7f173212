package webapp

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Version hashes everything a visitor's cached copy of the app depends on:
// the build that writes the pages (build: the server's or the exporter's
// identity, so a new go-app or page template reaches visitors), app.wasm,
// every other file in webDir (app.css, icons, …; app.wasm's compressed
// copies follow app.wasm) and the quiz source. It names the service
// worker's cache: a new version makes open apps offer a reload.
func Version(build, webDir string, wasm, quizSrc []byte) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "build %q\napp.wasm %d\n", build, len(wasm))
	h.Write(wasm)
	err := filepath.WalkDir(webDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(webDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && rel != "." && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case !d.Type().IsRegular(), strings.HasPrefix(d.Name(), "."),
			rel == "app.wasm", rel == "app.wasm.br", rel == "app.wasm.gz",
			strings.HasSuffix(rel, ".tmp"): // a build in progress
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "file %q %d\n", rel, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "quiz %d\n", len(quizSrc))
	h.Write(quizSrc)
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
