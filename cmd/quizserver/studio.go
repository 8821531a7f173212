package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pmoquiz/app/quiz"
	"pmoquiz/app/studio"
)

// Each quiz's studio (app/studio) at studio/ under its path: its page,
// scripts, worker and the preview frame, from memory like every file,
// under a policy of its own:
// the page frames its preview (frame-src 'self'), the preview is framed by
// the studio only (frame-ancestors 'self'), and it has a <base> (base-uri
// 'self'). With -dev, studio/save saves the studio's draft to the quiz's
// file (serveSave).

// studioSecurityPolicy is contentSecurityPolicy for the studio's files.
func studioSecurityPolicy() string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"frame-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action 'none'",
		"frame-ancestors 'self'",
	}, "; ")
}

// studioAssets serves the studios' files with their policy.
func (s *site) studioAssets() {
	policy := studioSecurityPolicy()
	for _, q := range s.Quizzes {
		if q.Studio == "" {
			continue
		}
		for path, f := range s.Files {
			if strings.HasPrefix(path, q.Studio) {
				s.files[path] = newAsset(f, "no-cache", "Content-Security-Policy", policy)
			}
		}
	}
}

// studioFiles serves a quiz's studio: its page at its path, and its files
// under it; any other path under it is 404.
func (s *site) studioFiles(qs *quizSite) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if path == qs.Studio {
			path += studio.PageName
		}
		a := s.files[path]
		if a == nil || !strings.HasPrefix(path, qs.Studio) {
			http.NotFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
}

// etagOf is the ETag of a quiz file's content.
func etagOf(src []byte) string {
	sum := sha256.Sum256(src)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

// studioHeader must be on every request to the save endpoint: a page of
// another site can send it only after a CORS preflight, which the server
// never answers, and a form cannot send it at all.
const studioHeader = "X-Pmoquiz-Studio"

// serveSaveInfo tells the studio that it may save here: the quiz file's
// name and its ETag.
func (d *devQuiz) serveSaveInfo(w http.ResponseWriter, r *http.Request) {
	src, _, err := d.read()
	if err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "the quiz file cannot be read"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"file": filepath.Base(d.file), "etag": etagOf(src)})
}

// serveSave writes the studio's draft over the quiz file, after a copy of
// the file as it was (quiz.toml.20060102-150405.bak, beside it). It takes
// only a request the studio's own page made: the custom header, an Origin
// that is this server's, with a Host that is localhost or an IP address (a
// DNS-rebinding page names its own host), and a body within the quiz
// size limit. X-Pmoquiz-Base, the ETag the draft was opened with, guards
// against overwriting a file changed since (409; the studio asks, then
// sends without it). The reply is JSON: file, backup, etag, or error.
func (d *devQuiz) serveSave(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(studioHeader) != "save" || !sameOrigin(r) {
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "only the studio of this server may save"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, quiz.MaxSize))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": fmt.Sprintf("the file is over %d bytes", quiz.MaxSize)})
			return
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the request's body could not be read"})
		return
	}

	d.saveMu.Lock()
	defer d.saveMu.Unlock()
	// A quiz file may be a link (quizzes/ links to quiz.toml): the save
	// goes to the file it names, with the backup beside that file, and
	// the link stays a link.
	file := d.file
	if f, err := filepath.EvalSymlinks(file); err == nil {
		file = f
	}
	old, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "the quiz file cannot be read"})
		return
	}
	if base := r.Header.Get("X-Pmoquiz-Base"); base != "" && old != nil && base != etagOf(old) {
		writeJSON(w, http.StatusConflict, map[string]string{"error": "the file changed since the studio opened it", "etag": etagOf(old)})
		return
	}
	backup := ""
	if old != nil {
		if backup, err = writeBackup(file, old); err != nil {
			fmt.Fprintf(d.log, "%s studio: no backup of %s, not saved: %v\n", time.Now().Format("15:04:05"), file, err)
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "the backup copy could not be written"})
			return
		}
	}
	if err := writeFileAtomic(file, body); err != nil {
		fmt.Fprintf(d.log, "%s studio: %s not saved: %v\n", time.Now().Format("15:04:05"), file, err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "the file could not be written"})
		return
	}
	fmt.Fprintf(d.log, "%s studio saved %s (the previous version: %s)\n", time.Now().Format("15:04:05"), file, backup)
	if fi, err := os.Stat(d.file); err == nil {
		d.update(body, fileStamp{fi.ModTime(), fi.Size()})
	}
	writeJSON(w, http.StatusOK, map[string]string{"file": filepath.Base(d.file), "backup": filepath.Base(backup), "etag": etagOf(body)})
}

// sameOrigin reports whether a request comes from a page of this server:
// its Origin names the host it was sent to, which is localhost or an IP
// address, and the browser does not say it is cross-site.
func sameOrigin(r *http.Request) bool {
	u, err := url.Parse(r.Header.Get("Origin"))
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Host != r.Host {
		return false
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	host := u.Hostname()
	return host == "localhost" || net.ParseIP(host) != nil
}

// writeBackup writes old beside file as file.YYYYMMDD-HHMMSS.bak (with
// -2, -3, … when that exists) and returns its path.
func writeBackup(file string, old []byte) (string, error) {
	stamp := time.Now().Format("20060102-150405")
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(file); err == nil {
		mode = fi.Mode().Perm()
	}
	for n := 1; n < 100; n++ {
		name := fmt.Sprintf("%s.%s.bak", file, stamp)
		if n > 1 {
			name = fmt.Sprintf("%s.%s-%d.bak", file, stamp, n)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(old)
		if err2 := f.Close(); err == nil {
			err = err2
		}
		return name, err
	}
	return "", fmt.Errorf("too many backups of %s at %s", file, stamp)
}

// writeFileAtomic replaces file with data: a new file beside it, renamed
// over it, so a reader never sees half of it. The file keeps its mode.
func writeFileAtomic(file string, data []byte) error {
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(file); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a failure; renamed away on success
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
