package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp/remote"
)

// browser is one headless Chromium with a fresh profile, driven over the
// DevTools protocol with flat sessions.
//
// chromedp's Browser routes only the sessions it attached itself, and the
// bench must also reach the service worker from its first instruction (to
// throttle its network and count what it downloads): the browser session
// auto-attaches to every new target with waitForDebuggerOnStart, and each
// one is set up before it runs. So the bench speaks the protocol over
// chromedp's websocket transport (remote.Conn) with this small
// request/response router.
type browser struct {
	cmd     *exec.Cmd
	exited  chan struct{}
	conn    *remote.Conn
	output  *tailBuffer
	product string // e.g. "Chrome/156.0.8078.108"

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan *cdproto.Message
	readErr error
	closed  chan struct{} // closed when the connection is gone

	// Events are delivered in order on one goroutine (not the reader's),
	// so a handler may call the browser: the queue has no bound, so the
	// reader never waits for a handler that waits for a reply.
	qmu     sync.Mutex
	queue   []*cdproto.Message
	queued  chan struct{} // a token when the queue may have grown
	handler func(*cdproto.Message)
	hmu     sync.Mutex
}

// browserFlags are the flags the brief asks for (no network of its own,
// no first-run UI), plus a quiet, deterministic profile.
func browserFlags(profile, lang string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-default-browser-check", "--disable-dev-shm-usage", "--disable-extensions",
		"--disable-features=Translate,OptimizationHints,MediaRouter",
		"--hide-scrollbars", "--mute-audio", "--password-store=basic", "--use-mock-keychain",
		"--lang=" + lang, "--accept-lang=" + lang,
		"--user-data-dir=" + profile,
		"--remote-debugging-port=0",
		"about:blank",
	}
}

var devtoolsLine = regexp.MustCompile(`DevTools listening on (ws://\S+)`)

// launchBrowser starts exe with a profile in dir and connects to it.
func launchBrowser(ctx context.Context, exe, profile, lang string) (*browser, error) {
	b := &browser{
		exited:  make(chan struct{}),
		output:  &tailBuffer{max: 8 << 10},
		pending: map[int64]chan *cdproto.Message{},
		closed:  make(chan struct{}),
		queued:  make(chan struct{}, 1),
	}
	b.cmd = exec.Command(exe, browserFlags(profile, lang)...)
	stderr, err := b.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	b.cmd.Stdout = b.output
	if err := b.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %v", exe, err)
	}
	go func() { b.cmd.Wait(); close(b.exited) }()

	wsURL := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		found := false
		for sc.Scan() {
			line := sc.Text()
			if m := devtoolsLine.FindStringSubmatch(line); m != nil && !found {
				found = true
				wsURL <- m[1]
				continue
			}
			b.output.Write([]byte(line + "\n"))
		}
		io.Copy(io.Discard, stderr)
	}()
	var url string
	select {
	case url = <-wsURL:
	case <-b.exited:
		return nil, fmt.Errorf("%s exited at start:\n%s", exe, b.output)
	case <-time.After(30 * time.Second):
		b.kill()
		return nil, fmt.Errorf("%s did not open its DevTools port within 30 s:\n%s", exe, b.output)
	case <-ctx.Done():
		b.kill()
		return nil, ctx.Err()
	}
	dialCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	b.conn, err = remote.DialContext(dialCtx, url)
	if err != nil {
		b.kill()
		return nil, fmt.Errorf("connecting to %s: %v", url, err)
	}
	go b.read()
	go b.dispatch()
	var v struct{ Product string }
	if err := b.call(ctx, "", "Browser.getVersion", nil, &v); err != nil {
		b.close()
		return nil, err
	}
	b.product = v.Product
	return b, nil
}

// read routes every message: a result to its caller, an event to the
// dispatcher.
func (b *browser) read() {
	defer close(b.closed)
	for {
		msg := new(cdproto.Message)
		if err := b.conn.Read(context.Background(), msg); err != nil {
			b.mu.Lock()
			b.readErr = err
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		if msg.ID != 0 {
			b.mu.Lock()
			ch := b.pending[msg.ID]
			delete(b.pending, msg.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- msg
			}
			continue
		}
		if msg.Method != "" {
			b.qmu.Lock()
			b.queue = append(b.queue, msg)
			b.qmu.Unlock()
			select {
			case b.queued <- struct{}{}:
			default:
			}
		}
	}
}

func (b *browser) dispatch() {
	for {
		select {
		case <-b.queued:
		case <-b.closed:
			return
		}
		for {
			b.qmu.Lock()
			if len(b.queue) == 0 {
				b.qmu.Unlock()
				break
			}
			msg := b.queue[0]
			b.queue[0] = nil
			b.queue = b.queue[1:]
			b.qmu.Unlock()
			b.hmu.Lock()
			h := b.handler
			b.hmu.Unlock()
			if h != nil {
				h(msg)
			}
		}
	}
}

// setHandler sets the one event handler (nil: drop events).
func (b *browser) setHandler(h func(*cdproto.Message)) {
	b.hmu.Lock()
	b.handler = h
	b.hmu.Unlock()
}

// cdpError is an error answer of the browser.
type cdpError struct {
	method  string
	code    int64
	message string
}

func (e *cdpError) Error() string { return fmt.Sprintf("%s: %s (%d)", e.method, e.message, e.code) }

// call sends method with params to session ("" is the browser) and decodes
// the result into result (when not nil).
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	var raw []byte
	if params == nil {
		raw = []byte("{}")
	} else {
		var err error
		if raw, err = json.Marshal(params); err != nil {
			return err
		}
	}
	ch := make(chan *cdproto.Message, 1)
	b.mu.Lock()
	if b.readErr != nil {
		b.mu.Unlock()
		return fmt.Errorf("%s: connection lost: %v", method, b.readErr)
	}
	b.nextID++
	id := b.nextID
	b.pending[id] = ch
	b.mu.Unlock()
	msg := &cdproto.Message{ID: id, Method: cdproto.MethodType(method), Params: raw}
	msg.SessionID = target.SessionID(session)
	if err := b.conn.Write(ctx, msg); err != nil {
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %v", method, err)
	}
	select {
	case res, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: connection lost", method)
		}
		if res.Error != nil {
			return &cdpError{method: method, code: res.Error.Code, message: res.Error.Message}
		}
		if result != nil && len(res.Result) > 0 {
			if err := json.Unmarshal(res.Result, result); err != nil {
				return fmt.Errorf("%s: decoding the result: %v", method, err)
			}
		}
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// close asks the browser to quit, and kills it (only its own process)
// when it has not within ten seconds.
func (b *browser) close() {
	if b.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		b.call(ctx, "", "Browser.close", nil, nil)
		cancel()
	}
	select {
	case <-b.exited:
	case <-time.After(10 * time.Second):
		b.kill()
	}
	if b.conn != nil {
		b.conn.Close()
	}
}

func (b *browser) kill() {
	if b.cmd.Process != nil {
		b.cmd.Process.Kill()
	}
	<-b.exited
}

// tailBuffer keeps the last max bytes written: the browser's output, for
// error messages.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}

// makeProfile makes a fresh profile directory.
func makeProfile() (string, error) {
	return os.MkdirTemp("", "pagebench-profile-")
}
