package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto"
)

// tracker sets up every target the browser attaches and counts what goes
// over the network.
type tracker struct {
	b       *browser
	net     netCond
	ua      string
	script  string
	verbose func(format string, args ...any)

	mu       sync.Mutex
	kinds    map[string]string      // session → target type
	ready    map[string]chan string // page target id → its session, once set up
	reqs     map[string]*request    // session/requestId
	activity time.Time              // last network event
	setupErr error
}

type request struct {
	url    string
	worker bool // the service worker's own fetch
	// workerScript: a dedicated worker's script, whose arrival DevTools
	// does not tell the page (its size is not known).
	workerScript bool
	source       string
	status       int
	bytes        int64 // headers and encoded body
	header       int64 // bytes received when the response headers were in
	done         bool
	start, end   float64 // the browser's monotonic clock, seconds
}

func newTracker(b *browser, n netCond, s site, verbose func(string, ...any)) *tracker {
	major := "150"
	if m := regexp.MustCompile(`/(\d+)\.`).FindStringSubmatch(b.product); m != nil {
		major = m[1]
	}
	return &tracker{
		b: b, net: n, script: s.script(), verbose: verbose,
		// A phone's Chrome (reduced user agent string).
		ua:    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major + ".0.0.0 Mobile Safari/537.36",
		kinds: map[string]string{},
		ready: map[string]chan string{},
		reqs:  map[string]*request{},
	}
}

// expectPage returns the channel on which the page target id's session
// arrives once it is set up.
func (t *tracker) expectPage(id string) chan string {
	t.mu.Lock()
	defer t.mu.Unlock()
	ch := t.ready[id]
	if ch == nil {
		ch = make(chan string, 1)
		t.ready[id] = ch
	}
	return ch
}

// onEvent handles the browser's events, in order.
func (t *tracker) onEvent(msg *cdproto.Message) {
	switch msg.Method {
	case "Target.attachedToTarget":
		var ev struct {
			SessionID  string `json:"sessionId"`
			TargetInfo struct {
				TargetID string `json:"targetId"`
				Type     string `json:"type"`
				URL      string `json:"url"`
			} `json:"targetInfo"`
		}
		if json.Unmarshal(msg.Params, &ev) != nil {
			return
		}
		t.mu.Lock()
		t.kinds[ev.SessionID] = ev.TargetInfo.Type
		if ev.TargetInfo.Type == "worker" {
			// DevTools tells the page that its worker's script was asked
			// for, never that it arrived: the worker started, so it did.
			for _, r := range t.reqs {
				if r.url == ev.TargetInfo.URL && !r.done {
					r.done, r.workerScript = true, true
				}
			}
		}
		t.mu.Unlock()
		if err := t.setUp(ev.SessionID, ev.TargetInfo.Type); err != nil {
			t.mu.Lock()
			if t.setupErr == nil {
				t.setupErr = fmt.Errorf("setting up the %s %s: %v", ev.TargetInfo.Type, ev.TargetInfo.URL, err)
			}
			t.mu.Unlock()
		}
		if ev.TargetInfo.Type == "page" {
			t.expectPage(ev.TargetInfo.TargetID) <- ev.SessionID
		}
	case "Target.detachedFromTarget":
		var ev struct {
			SessionID string `json:"sessionId"`
		}
		if json.Unmarshal(msg.Params, &ev) == nil {
			t.mu.Lock()
			delete(t.kinds, ev.SessionID)
			t.mu.Unlock()
		}
	default:
		if strings.HasPrefix(string(msg.Method), "Network.") {
			t.network(string(msg.SessionID), string(msg.Method), msg.Params)
		}
	}
}

// setUp throttles a page, its workers or its service worker, makes a page
// a phone with the instrumentation script, and lets the target run.
func (t *tracker) setUp(session, kind string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	call := func(method string, params any) error { return t.b.call(ctx, session, method, params, nil) }
	throttle := func() error {
		if err := call("Network.enable", nil); err != nil {
			return err
		}
		return call("Network.emulateNetworkConditions", map[string]any{
			"offline":            false,
			"latency":            float64(t.net.Latency) / float64(time.Millisecond),
			"downloadThroughput": t.net.Down / 8,
			"uploadThroughput":   t.net.Up / 8,
			"connectionType":     "cellular4g",
		})
	}
	switch kind {
	case "page":
		steps := []struct {
			method string
			params any
		}{
			{"Page.enable", nil},
			{"Emulation.setCPUThrottlingRate", map[string]any{"rate": cpuSlowdown}},
			{"Emulation.setDeviceMetricsOverride", map[string]any{"width": phoneWidth, "height": phoneHeight, "deviceScaleFactor": phoneDPR, "mobile": true}},
			{"Emulation.setTouchEmulationEnabled", map[string]any{"enabled": true, "maxTouchPoints": 5}},
			{"Emulation.setUserAgentOverride", map[string]any{"userAgent": t.ua, "platform": "Linux armv8l"}},
			{"Emulation.setFocusEmulationEnabled", map[string]any{"enabled": true}},
			{"Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": t.script}},
			// The page's dedicated workers (our loader compiles app.wasm
			// in one): attached, throttled as the page, counted.
			// (The browser's own auto-attach has the service worker.)
			{"Target.setAutoAttach", map[string]any{"autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true,
				"filter": []map[string]any{{"type": "worker"}, {"exclude": true}}}},
		}
		if err := throttle(); err != nil {
			return err
		}
		for _, s := range steps {
			if err := call(s.method, s.params); err != nil {
				return err
			}
		}
	case "worker":
		if err := call("Network.enable", nil); err != nil {
			return err
		}
	case "service_worker":
		if err := throttle(); err != nil {
			return err
		}
	}
	err := call("Runtime.runIfWaitingForDebugger", nil)
	var cerr *cdpError
	if asCDP(err, &cerr) {
		return nil // not waiting (a target that existed before auto-attach)
	}
	return err
}

func asCDP(err error, target **cdpError) bool {
	e, ok := err.(*cdpError)
	if ok {
		*target = e
	}
	return ok
}

// network counts requests and bytes of the page and its service worker.
func (t *tracker) network(session, method string, params []byte) {
	var ev struct {
		RequestID string `json:"requestId"`
		Request   struct {
			URL string `json:"url"`
		} `json:"request"`
		Response struct {
			Status            int     `json:"status"`
			FromDiskCache     bool    `json:"fromDiskCache"`
			FromServiceWorker bool    `json:"fromServiceWorker"`
			FromPrefetchCache bool    `json:"fromPrefetchCache"`
			EncodedDataLength float64 `json:"encodedDataLength"`
		} `json:"response"`
		EncodedDataLength float64 `json:"encodedDataLength"`
		Timestamp         float64 `json:"timestamp"`
	}
	if json.Unmarshal(params, &ev) != nil || ev.RequestID == "" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.activity = time.Now()
	key := session + "/" + ev.RequestID
	r := t.reqs[key]
	switch method {
	case "Network.requestWillBeSent":
		if !strings.HasPrefix(ev.Request.URL, "http") {
			return
		}
		if r == nil { // a redirect keeps its id: count the first
			t.reqs[key] = &request{url: ev.Request.URL, worker: t.kinds[session] == "service_worker", source: "network", start: ev.Timestamp}
		}
	case "Network.requestServedFromCache":
		if r != nil {
			r.source = "memory cache"
		}
	case "Network.responseReceived":
		if r == nil {
			return
		}
		r.status, r.header = ev.Response.Status, int64(ev.Response.EncodedDataLength)
		switch {
		case ev.Response.FromServiceWorker:
			r.source = "service worker"
		case ev.Response.FromDiskCache:
			r.source = "disk cache"
		case ev.Response.FromPrefetchCache:
			r.source = "prefetch cache"
		}
	case "Network.loadingFinished":
		if r != nil {
			r.done, r.end = true, ev.Timestamp
			r.bytes = int64(ev.EncodedDataLength)
		}
	case "Network.loadingFailed":
		if r != nil {
			r.done, r.end = true, ev.Timestamp
			r.source = "failed"
		}
	}
}

// reset forgets the requests counted so far (a new visit starts).
func (t *tracker) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.reqs = map[string]*request{}
	t.activity = time.Now()
}

// quiet reports whether no request is in flight and nothing happened on
// the network for d.
func (t *tracker) quiet(d time.Duration) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.reqs {
		if !r.done {
			return false
		}
	}
	return time.Since(t.activity) >= d
}

// inFlight names the requests not finished, for an error.
func (t *tracker) inFlight() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var open []string
	for key, r := range t.reqs {
		if !r.done {
			session, _, _ := strings.Cut(key, "/")
			open = append(open, fmt.Sprintf("%s (%s)", r.url, t.kinds[session]))
		}
	}
	if len(open) == 0 {
		return ""
	}
	sort.Strings(open)
	return "; in flight: " + strings.Join(open, ", ")
}

// count fills in the network figures of a visit: requests answered by the
// network (304s included), their bytes (headers and encoded bodies), and
// .wasm downloads: responses that brought a body over the network (a 304
// answering a revalidation shows as the cached 200, with headers only).
func (t *tracker) count(res *visitResult) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.reqs {
		if r.source != "network" || !r.done || r.workerScript {
			continue
		}
		res.Requests++
		res.Bytes += r.bytes
		if u, err := url.Parse(r.url); err == nil && strings.HasSuffix(u.Path, ".wasm") && r.status == 200 && r.bytes > r.header {
			if r.worker {
				res.WasmWorker++
			} else {
				res.WasmPage++
			}
		}
	}
}

// describeRequests lists the visit's requests (for -v).
func (t *tracker) describeRequests() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b strings.Builder
	var first float64
	for _, r := range t.reqs {
		if first == 0 || r.start < first {
			first = r.start
		}
	}
	list := make([]*request, 0, len(t.reqs))
	for _, r := range t.reqs {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].start < list[j].start })
	for _, r := range list {
		who := "page"
		if r.worker {
			who = "worker"
		}
		if r.workerScript {
			fmt.Fprintf(&b, "  %6.0f ms            page   a worker's script (not counted)  %s\n", (r.start-first)*1000, r.url)
			continue
		}
		fmt.Fprintf(&b, "  %6.0f ms +%5.0f ms %-6s %3d %-14s %9d B (body %d) %s\n", (r.start-first)*1000, (r.end-r.start)*1000, who, r.status, r.source, r.bytes, r.bytes-r.header, r.url)
	}
	return b.String()
}
