package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"pmoquiz/app/quiz"
	"pmoquiz/app/webapp"
	"pmoquiz/app/widget"
)

// Development mode (-dev) is the live preview: a recruiter edits the quiz
// file, saves, and the open page shows the edit by itself, on the step it
// was on, without restarting the server or rebuilding app.wasm: the page
// runs the widget built for a live source (web/preview.wasm, served as
// app.wasm: webapp's devWasm), which asks for /quiz.toml every second
// (304 while unchanged) and shows each new version in place. The studio
// (/studio/) can save to the file too (studio.go).
//
// The server polls the file's modification time and size every devPoll and,
// when they change, checks the file again and says so on stderr: "ok", or
// every problem, one per line, as the checker prints them. /quiz.toml is read
// from disk on each request and sent with Cache-Control: no-store, and it is
// left out of the service worker's precache (the worker answers from its
// cache first), so a reload always gets the file as saved. The widget parses
// it and shows the new quiz, or, when the file is invalid, its error panel
// with the same positioned problems. The page's prerendered intro follows
// the last valid quiz (the loading screen while the file is invalid), and so
// do the share pages (without the images drawn at start, which show the
// texts of then).
//
// A file invalid at start is reported, not fatal: the server starts and
// waits for the fix.

// devPoll is how often the quiz file is looked at.
const devPoll = 400 * time.Millisecond

// devQuiz is the watched quiz file.
type devQuiz struct {
	file   string
	webDir string // the logo must name a file in it
	log    io.Writer
	// id is the quiz's address in a folder (its path is /<id>/), which
	// stays until a restart; "" for a site of one quiz.
	id string

	saveMu sync.Mutex // one studio save at a time (studio.go)

	mu      sync.Mutex
	stamp   fileStamp // of the version last read
	src     []byte    // its content
	quiz    *quiz.Quiz
	problem string // the last read error reported, so it is said once
}

// fileStamp is what the poll compares: a save changes one or the other.
type fileStamp struct {
	mod  time.Time
	size int64
}

// newDevQuiz starts watching file, whose content at start was src, parsed
// as q (nil when it has problems).
func newDevQuiz(file, webDir string, src []byte, q *quiz.Quiz, log io.Writer, id string) *devQuiz {
	d := &devQuiz{file: file, webDir: webDir, log: log, id: id}
	if fi, err := os.Stat(file); err == nil {
		d.stamp = fileStamp{fi.ModTime(), fi.Size()}
	}
	d.src, d.quiz = src, q
	return d
}

func (d *devQuiz) parse(src []byte) (*quiz.Quiz, error) {
	return quiz.ParseWith(filepath.Clean(d.file), src, quiz.Options{Web: os.DirFS(d.webDir), WebName: d.webDir})
}

// update takes src as the file's content, checking it and reporting the
// result when it differs from the content seen last.
func (d *devQuiz) update(src []byte, stamp fileStamp) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stamp, d.problem = stamp, ""
	if bytes.Equal(src, d.src) {
		return
	}
	d.src = src
	q, err := d.parse(src)
	d.quiz = q
	at := time.Now().Format("15:04:05")
	if err != nil {
		fmt.Fprintf(d.log, "%s %s changed and has problems (the page shows them too):\n%v\n", at, d.file, err)
		return
	}
	fmt.Fprintf(d.log, "%s %s changed: ok (%d questions); open pages show it\n", at, d.file, len(q.Questions))
	if d.id != "" && q.ID != d.id {
		fmt.Fprintf(d.log, "%s its id is now %q: the quiz stays at /%s/ until the server is restarted (then it is at /%s/)\n", d.file, q.ID, d.id, q.ID)
	}
}

// read reads the file and its stamp; a read error is reported once.
func (d *devQuiz) read() ([]byte, fileStamp, error) {
	fi, err := os.Stat(d.file)
	var src []byte
	if err == nil {
		src, err = quiz.ReadFile(d.file)
	}
	if err != nil {
		d.report(err)
		return nil, fileStamp{}, err
	}
	return src, fileStamp{fi.ModTime(), fi.Size()}, nil
}

// poll rereads the file when its modification time or size changed.
func (d *devQuiz) poll() {
	fi, err := os.Stat(d.file)
	if err != nil {
		d.report(err)
		return
	}
	stamp := fileStamp{fi.ModTime(), fi.Size()}
	d.mu.Lock()
	same := stamp == d.stamp
	d.mu.Unlock()
	if same {
		return
	}
	src, err := quiz.ReadFile(d.file)
	if err != nil {
		d.report(err)
		return
	}
	d.update(src, stamp)
}

// report says once that the file cannot be read (an editor may be between
// deleting and writing it).
func (d *devQuiz) report(err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if msg := err.Error(); msg != d.problem {
		d.problem = msg
		fmt.Fprintf(d.log, "%s %v\n", time.Now().Format("15:04:05"), err)
	}
}

// watch polls the file until ctx is done.
func (d *devQuiz) watch(ctx context.Context) {
	t := time.NewTicker(devPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			d.poll()
		}
	}
}

// current is the quiz as saved now, or nil while the file is invalid.
func (d *devQuiz) current() *quiz.Quiz {
	if src, stamp, err := d.read(); err == nil {
		d.update(src, stamp)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.quiz
}

// ServeHTTP serves the quiz file as it is on disk now, never cached. Its
// ETag (a hash of the content) answers the page's poll (If-None-Match,
// widget.RunPreview) with 304 while the file is unchanged.
func (d *devQuiz) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	src, stamp, err := d.read()
	if err != nil {
		http.Error(w, "the quiz file cannot be read: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	d.update(src, stamp)
	tag := etagOf(src)
	h.Set("ETag", tag)
	if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", webapp.ContentType(widget.QuizPath))
	h.Set("Content-Length", strconv.Itoa(len(src)))
	if r.Method != http.MethodHead {
		w.Write(src)
	}
}

// pages returns the prerendered pages for the quiz as saved now: ps when
// it has not changed, else a new set, rendered as visitors ask for each
// language. While the file is invalid, the placeholder page: the widget
// shows the problems.
func (d *devQuiz) pages(ps *pageSet) *pageSet {
	q := d.current()
	if q == ps.quiz {
		return ps
	}
	return newPageSet(ps.site, q, nil)
}
