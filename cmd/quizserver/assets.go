package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"pmoquiz/app/webapp"
)

// asset is a file served from memory: its encodings, each with a strong
// ETag of its own and every response header made once, at start.
type asset struct {
	variants []variant // preferred first; the last is identity
}

// variant is one encoding of an asset.
type variant struct {
	encoding string // Content-Encoding: "br", "gzip", or "" for identity
	body     []byte
	etag     string
	header   headerSet // the headers of a 200 but Content-Length
	length   string    // len(body)
}

// newAsset makes f servable with Cache-Control cache and extra headers
// (name, value, …). A compressed copy is offered only when it is smaller.
func newAsset(f *webapp.File, cache string, extra ...string) *asset {
	sum := sha256.Sum256(f.Data)
	hash := hex.EncodeToString(sum[:8])
	a := &asset{}
	for _, c := range []struct {
		encoding, suffix string
		body             []byte
	}{{"br", "-br", f.Br}, {"gzip", "-gz", f.Gzip}} {
		if c.body != nil && len(c.body) < len(f.Data) {
			a.variants = append(a.variants, variant{encoding: c.encoding, body: c.body, etag: `"` + hash + c.suffix + `"`})
		}
	}
	a.variants = append(a.variants, variant{body: f.Data, etag: `"` + hash + `"`})
	for i := range a.variants {
		v := &a.variants[i]
		v.length = strconv.Itoa(len(v.body))
		h := newHeaderSet("Content-Type", f.ContentType, "Cache-Control", cache, "ETag", v.etag)
		if len(a.variants) > 1 {
			h = h.with("Vary", "Accept-Encoding")
		}
		if v.encoding != "" {
			h = h.with("Content-Encoding", v.encoding)
		}
		v.header = append(h, newHeaderSet(extra...)...)
	}
	return a
}

// ServeHTTP serves the best encoding the request accepts: 304 when its
// If-None-Match names that encoding's ETag, one byte range (206) when it
// asks for exactly one, else the whole body. Several ranges get the whole
// body: a multipart answer could be many times the file's size.
func (a *asset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v := &a.variants[len(a.variants)-1]
	if len(a.variants) > 1 {
		accept := r.Header.Get("Accept-Encoding")
		for i := range a.variants[:len(a.variants)-1] {
			if acceptsEncoding(accept, a.variants[i].encoding) {
				v = &a.variants[i]
				break
			}
		}
	}
	h := w.Header()
	v.header.addTo(h)
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, v.etag) {
		delete(h, "Content-Type")
		delete(h, "Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := v.body
	h["Accept-Ranges"] = acceptRanges
	if rg := r.Header.Get("Range"); rg != "" && (r.Header.Get("If-Range") == "" || r.Header.Get("If-Range") == v.etag) {
		start, end, ok := singleRange(rg, len(body))
		switch {
		case ok && start < 0:
			h.Set("Content-Range", "bytes */"+v.length)
			delete(h, "Content-Type")
			delete(h, "Content-Encoding")
			http.Error(w, "range not satisfiable", http.StatusRequestedRangeNotSatisfiable)
			return
		case ok:
			h.Set("Content-Range", "bytes "+strconv.Itoa(start)+"-"+strconv.Itoa(end-1)+"/"+v.length)
			h.Set("Content-Length", strconv.Itoa(end-start))
			w.WriteHeader(http.StatusPartialContent)
			if r.Method != http.MethodHead {
				w.Write(body[start:end])
			}
			return
		}
	}
	h["Content-Length"] = []string{v.length}
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

var acceptRanges = []string{"bytes"}

// singleRange parses a Range header asking for one range of a body of
// size bytes. ok is false when the header is not one byte range (serve
// the whole body); start is -1 when the range lies past the end (416).
func singleRange(header string, size int) (start, end int, ok bool) {
	spec, found := strings.CutPrefix(header, "bytes=")
	if !found || strings.Contains(spec, ",") {
		return 0, 0, false
	}
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return 0, 0, false
	}
	if first == "" { // the last N bytes
		n, err := strconv.Atoi(last)
		if err != nil || n < 0 {
			return 0, 0, false
		}
		if n == 0 {
			return -1, 0, true
		}
		return max(size-n, 0), size, true
	}
	s, err := strconv.Atoi(first)
	if err != nil || s < 0 {
		return 0, 0, false
	}
	if s >= size {
		return -1, 0, true
	}
	e := size
	if last != "" {
		l, err := strconv.Atoi(last)
		if err != nil || l < s {
			return 0, 0, false
		}
		e = min(l+1, size)
	}
	return s, e, true
}

// acceptsEncoding reports whether an Accept-Encoding header value allows
// coding: named with a q-value above 0, or not named and allowed by "*".
func acceptsEncoding(header, coding string) bool {
	q, star := -1.0, -1.0
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		weight := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, val, ok := strings.Cut(param, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				weight = 0 // a malformed q-value refuses the coding
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil && f > 0 && f <= 1 {
					weight = f
				}
			}
		}
		switch {
		case name == coding, coding == "gzip" && name == "x-gzip":
			q = max(q, weight)
		case name == "*":
			star = weight
		}
	}
	if q < 0 {
		q = star
	}
	return q > 0
}

// etagMatch reports whether an If-None-Match header value names etag, by
// the weak comparison RFC 9110 prescribes for it ("*" matches any).
func etagMatch(ifNoneMatch, etag string) bool {
	for tag := range strings.SplitSeq(ifNoneMatch, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
