package webapp

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"mime"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// File is one file of the site, with its compressed copies.
type File struct {
	Path        string // URL path under the base: "/app.js", "/web/app.wasm"
	ContentType string
	Data        []byte // as is
	// Br and Gzip are Data in brotli and gzip, made at build time (app.wasm)
	// or by Load; nil for a type that does not compress.
	Br, Gzip []byte

	noCompress bool // leave the copies as the build left them
}

func newFile(urlPath string, data []byte) *File {
	return &File{Path: urlPath, ContentType: ContentType(urlPath), Data: data}
}

// Compressible reports whether the file gets brotli and gzip copies: text
// and WebAssembly do, images and fonts (compressed already) do not.
func (f *File) Compressible() bool {
	t, _, _ := strings.Cut(f.ContentType, ";")
	return strings.HasPrefix(t, "text/") || slices.Contains(compressible, t)
}

var compressible = []string{"application/wasm", "application/toml", "application/manifest+json", "application/json", "application/xml", "image/svg+xml"}

// ContentType is the Content-Type the site sends for a file of this name:
// UTF-8 named on every text type, the types browsers need for WebAssembly
// (compiled while it downloads only then), manifests and TOML.
func ContentType(name string) string {
	if strings.HasSuffix(name, "/") { // a page
		return "text/html; charset=utf-8"
	}
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".toml":
		return "application/toml; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json" // JSON is UTF-8 and has no charset parameter
	case ".json", ".map":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".xml":
		return "application/xml" // its declaration names its encoding
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressAll makes the brotli (quality 11) and gzip (level 9) copies of
// every compressible file that lacks them, on every core. Results are kept
// by content, so a file met again (a restart in the same process, a page
// rendered again in Dev mode) is not compressed twice.
func compressAll(files []*File) {
	work := make(chan *File)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				switch {
				case f.Br == nil && f.Gzip == nil:
					f.Br, f.Gzip = compressed(f.Data)
				case f.Br == nil:
					f.Br = brotliBytes(f.Data)
				default:
					f.Gzip = gzipBytes(f.Data)
				}
			}
		}()
	}
	seen := make(map[*File]bool) // a file may be at two paths (embed.js)
	for _, f := range files {
		if !seen[f] && !f.noCompress && (f.Br == nil || f.Gzip == nil) && f.Compressible() {
			seen[f] = true
			work <- f
		}
	}
	close(work)
	wg.Wait()
}

// compressedCache holds compressed copies by the hash of their original.
var compressedCache struct {
	sync.Mutex
	m map[[32]byte][2][]byte
}

// compressed returns data in brotli and gzip.
func compressed(data []byte) (br, gz []byte) {
	key := sha256.Sum256(data)
	compressedCache.Lock()
	c, ok := compressedCache.m[key]
	compressedCache.Unlock()
	if ok {
		return c[0], c[1]
	}
	br, gz = brotliBytes(data), gzipBytes(data)

	compressedCache.Lock()
	defer compressedCache.Unlock()
	if compressedCache.m == nil || len(compressedCache.m) >= 256 { // bounded: Dev renders pages at each save
		compressedCache.m = make(map[[32]byte][2][]byte)
	}
	compressedCache.m[key] = [2][]byte{br, gz}
	return br, gz
}

func brotliBytes(data []byte) []byte {
	// The smallest window that holds the whole file, as the brotli
	// command picks it: the same output, a fraction of the memory.
	lgwin := 10
	for lgwin < 24 && 1<<lgwin-16 < len(data) {
		lgwin++
	}
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: lgwin})
	w.Write(data) // a bytes.Buffer does not fail
	w.Close()
	return b.Bytes()
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Compress makes f's missing copies (the static export uses it for an
// app.wasm whose copies are stale).
func (f *File) Compress() {
	f.noCompress = false
	compressAll([]*File{f})
}
