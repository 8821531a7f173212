// The quiz's loader, the first part of app.js (the page's part of the
// early script follows it). It replaces go-app's app.js and keeps its
// contract with the WebAssembly program (the goapp* functions go-app calls),
// with these differences:
//
//   - No overlay: the prerendered page is the quiz from the first paint,
//     and answers before the engine runs (early.js).
//   - app.wasm is downloaded and compiled by a worker of ours (compile.js),
//     off the page's thread, while it downloads, from the real response:
//     go-app re-wraps it in a stream to count progress, which turns off the
//     browser's cache of compiled code; here progress is counted on a clone.
//   - The service worker is registered once app.wasm is in, so its install
//     never downloads app.wasm a second time on a first visit.
//   - A failure is told to the page (window.pmoquizEngine), which says so
//     in words with a link to try again; never a spinner that never ends.
//   - Where a browser blocks storage (a third-party frame), an in-memory
//     stand-in takes its place first: go-app reads localStorage unguarded.
//
// The configuration is written in by the site loader (app/webapp): the URL of
// app.wasm, its size, go-app's environment. Every quiz of a site shares this
// script (a visitor who opens a second quiz has it already); what is the
// quiz's own, its service worker, app version and path, is on the page's
// script element (data-worker, data-version, data-root).
(function () {
  "use strict";
  var config = {{.Config}};
  var own = (document.currentScript && document.currentScript.dataset) || {};
  config.worker = own.worker || "";
  config.env.GOAPP_VERSION = own.version || "";
  config.env.GOAPP_ROOT_PREFIX = own.root || "/";

  // Storage: reading window.localStorage throws where a browser blocks
  // storage for a third-party frame. An in-memory stand-in, for this page
  // view only, then takes its place. Nothing is sent anywhere either way.
  // The probe only reads the property: a write would open the storage
  // (a round trip to the browser) before the page can be used.
  // The studio's preview frame asks for the stand-in (config.memoryStorage):
  // the preview never writes over what the quiz itself saved on this origin.
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (config.memoryStorage) {
        throw new Error("in memory");
      }
      if (window[name]) {
        return;
      }
    } catch (e) {}
    var data = new Map();
    var stand = {
      get length() { return data.size; },
      key: function (i) { var k = Array.from(data.keys())[i]; return k === undefined ? null : k; },
      getItem: function (k) { k = String(k); return data.has(k) ? data.get(k) : null; },
      setItem: function (k, v) { data.set(String(k), String(v)); },
      removeItem: function (k) { data.delete(String(k)); },
      clear: function () { data.clear(); },
    };
    try {
      Object.defineProperty(window, name, { configurable: true, get: function () { return stand; } });
    } catch (e) {}
  });

  // go-app's side of the contract: it calls these, and sets goappNav,
  // goappOnUpdate and goappOnAppInstallChange once it runs.
  var registration = null;
  var installPrompt = null;
  window.goappNav = function () {};
  window.goappUpdatedBeforeWasmLoaded = false;
  window.goappOnUpdate = function () { window.goappUpdatedBeforeWasmLoaded = true; };
  window.goappAppInstallChangedBeforeWasmLoaded = false;
  window.goappOnAppInstallChange = function () { window.goappAppInstallChangedBeforeWasmLoaded = true; };
  window.goappGetenv = function (k) { return config.env[k]; };
  window.goappKeepBodyClean = function () { return function () {}; };
  window.goappTryUpdate = function () {
    if (registration) {
      registration.update().catch(function () {});
    }
  };
  window.goappIsAppleBrowser = function () {
    var ua = navigator.userAgent;
    var iPad = /\bMacintosh\b/.test(ua) && navigator.maxTouchPoints > 1;
    var macSafari = /\bMacintosh\b/.test(ua) && /\bSafari\b/.test(ua) && !/\bChrome\b|\bEdg\b|\bOPR\b/.test(ua);
    return /iP(hone|ad|od)/.test(ua) || iPad || macSafari;
  };
  window.goappIsAppInstallable = function () {
    var installed = navigator.standalone === true || window.matchMedia("(display-mode: standalone)").matches;
    return !installed && (installPrompt !== null || window.goappIsAppleBrowser());
  };
  window.goappShowInstallPrompt = function () {
    if (!installPrompt) {
      return;
    }
    var p = installPrompt;
    installPrompt = null;
    p.prompt();
  };
  // The install offer, for the engine (go-app's goappOnAppInstallChange)
  // and, before it runs, for the page's early script (engine.watch).
  function installChanged() {
    window.goappOnAppInstallChange();
    listeners.forEach(function (f) { f(engine); });
  }
  window.addEventListener("beforeinstallprompt", function (e) {
    e.preventDefault();
    installPrompt = e;
    installChanged();
  });
  window.addEventListener("appinstalled", function () {
    installPrompt = null;
    installChanged();
  });

  // The engine's state, for the page's early script: "loading" (with
  // progress, 0 to 1), "ready" (compiled, to run when wanted), "running"
  // (the program started: it takes the page over), "failed" (it cannot
  // run here: the page says so) or "off" (not loaded on purpose:
  // ?wasm=false, a crawler).
  var listeners = [];
  var engine = (window.pmoquizEngine = {
    state: "loading",
    progress: 0,
    error: "",
    compiler: "", // where app.wasm was compiled: "worker" or "page"
    updates: 0, // new versions found since the page was opened
    watch: function (f) {
      listeners.push(f);
      f(engine);
    },
  });
  function set(state, progress, error) {
    engine.state = state;
    engine.progress = progress;
    engine.error = error || "";
    document.documentElement.dataset.engine = state;
    listeners.forEach(function (f) { f(engine); });
  }

  // A new version: the worker (skipWaiting, clients.claim) takes over a
  // page that another version's worker controlled, and the app offers a
  // reload (go-app's OnAppUpdate). Watched from the page's start: on a
  // revisit the browser looks for a new worker as the page loads, and may
  // have installed it before the page registers its own (registerWorker);
  // an "updatefound" listener added then would miss it.
  if ("serviceWorker" in navigator && config.worker) {
    var controller = navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      var was = controller;
      controller = navigator.serviceWorker.controller;
      if (was && controller !== was) {
        engine.updates++;
        window.goappOnUpdate();
        engine.demand(); // the engine's notice offers the reload
      }
    });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator) || !config.worker) {
      return;
    }
    navigator.serviceWorker.register(config.worker).then(function (reg) {
      registration = reg;
    }, function (err) {
      console.warn("quiz: the offline copy is not available:", err);
    });
  }

  // countProgress reads a clone of the response to report how much of
  // app.wasm has arrived (uncompressed bytes, against its size).
  function countProgress(response) {
    if (!response.body || !config.wasmSize) {
      return;
    }
    var reader = response.body.getReader();
    var loaded = 0;
    function read() {
      reader.read().then(function (r) {
        if (r.done || engine.state !== "loading") {
          return;
        }
        loaded += r.value.byteLength;
        set("loading", Math.min(loaded / config.wasmSize, 1));
        read();
      }, function () {});
    }
    read();
  }

  // compileAside has the compiler worker (compile.js) download and compile
  // app.wasm, off the page's thread: compiling a program of this size on it
  // makes long tasks while the page loads, which hold the visitor's taps.
  // It answers the compiled module; it fails when app.wasm cannot be had
  // (the network, the host); it answers null where the worker cannot do
  // it (no Worker, build files on another origin, a policy or a host that
  // refuses the worker's script or its compiling, a browser that cannot
  // post a module): the page's thread then compiles.
  function compileAside() {
    return new Promise(function (resolve, reject) {
      var w;
      try {
        w = new Worker(config.compiler);
      } catch (e) {
        console.warn("quiz: app.wasm is compiled on the page's thread:", String(e));
        resolve(null);
        return;
      }
      function aside(why) {
        w.terminate();
        console.warn("quiz: app.wasm is compiled on the page's thread:", why);
        resolve(null);
      }
      w.onmessage = function (e) {
        var m = e.data || {};
        if (typeof m.progress === "number") {
          set("loading", m.progress);
          return;
        }
        w.terminate();
        if (m.module instanceof WebAssembly.Module) {
          resolve(m.module);
        } else if (m.unavailable) {
          reject(new Error(m.unavailable));
        } else {
          aside(m.error || "the compiler answered no module");
        }
      };
      w.onmessageerror = function () { aside("the compiled module could not be posted"); };
      w.onerror = function (e) {
        e.preventDefault();
        aside(e.message || "the compiler did not start");
      };
      w.postMessage({ url: new URL(config.wasm, document.baseURI).href, size: config.wasmSize });
    });
  }

  // compileHere compiles app.wasm on the page's thread as it downloads,
  // from the response itself (a stream made in script would turn off the
  // browser's cache of compiled code), or whole where a host sends it with
  // another type.
  async function compileHere() {
    var response = await fetch(config.wasm);
    if (!response.ok) {
      throw new Error("HTTP " + response.status + " for " + config.wasm);
    }
    countProgress(response.clone());
    if (WebAssembly.compileStreaming) {
      try {
        return await WebAssembly.compileStreaming(response);
      } catch (e) {
        if (!(e instanceof TypeError)) {
          throw e;
        }
        response = await fetch(config.wasm);
      }
    }
    return WebAssembly.compile(await response.arrayBuffer());
  }

  // The engine is compiled as soon as it arrives, but instantiated (its
  // memory laid out, the program's data copied in) and run (go.run: the Go
  // runtime's start, the quiz parsed, the page drawn), long tasks on a
  // phone, only once it is wanted: when the visitor, having started to
  // use the page, pauses (below), when the page's early script asks for it
  // (a step that needs the result, or a page only the engine can draw: a
  // shared result, a quiz file other than the page's), or at once on a
  // page without the early script. A visitor who only reads pays for
  // nothing.
  var program = null; // {go, module} once compiled
  var wanted = false;
  var running = false;
  engine.demand = function () {
    wanted = true;
    run();
  };
  function run() {
    if (!program || !wanted || running) {
      return;
    }
    running = true;
    // After the event that asked for it has been handled and drawn.
    setTimeout(function () {
      WebAssembly.instantiate(program.module, program.go.importObject).then(function (instance) {
        set("running", 1);
        program.go.run(instance).then(function () {
          set("failed", 1, "the program ended");
        });
      }, function (err) {
        set("failed", 1, String(err));
      });
    }, 0);
  }
  // Once the visitor has done something, the engine runs when they pause
  // (quiet ms without a press, a key or a click): its start is a long
  // task, which would hold a second answer given right after the first,
  // or come between a press and its release (the engine replaces the
  // page's elements, and a press and release on different elements is no
  // click).
  var quiet = 1500;
  var touched = false;
  var quietTimer = 0;
  function settle() {
    clearTimeout(quietTimer);
    quietTimer = setTimeout(function () {
      if (program) {
        engine.demand();
      }
    }, quiet);
  }
  ["pointerdown", "pointerup", "keydown", "keyup", "click"].forEach(function (t) {
    window.addEventListener(t, function () {
      if (!running) {
        touched = true;
        settle();
      }
    }, { capture: true, passive: true });
  });

  async function start() {
    var go = new Go();
    var module = config.compiler && typeof Worker === "function" ? await compileAside() : null;
    engine.compiler = module ? "worker" : "page";
    program = { go: go, module: module || await compileHere() };
    set("ready", 1);
    if (touched) {
      settle(); // the visitor is using the page: run at their next pause
    }
    registerWorker();
    var early = window.pmoquizEarly;
    if (!early || !early.deferEngine || config.env.PMOQUIZ_LIVE) {
      // No early script to run the page meanwhile, or a page that follows
      // its quiz file as saved (quizserver -dev, the studio's preview).
      wanted = true;
    }
    run();
  }

  var skip = /bot|crawler|spider|crawling/i.test(navigator.userAgent) ||
    new URLSearchParams(location.search).get("wasm") === "false";
  if (skip) {
    set("off", 0);
    registerWorker();
  } else if (typeof WebAssembly !== "object" || typeof Go !== "function") {
    set("failed", 0, "WebAssembly is not available");
  } else {
    set("loading", 0);
    start().catch(function (err) {
      set("failed", engine.progress, String(err));
      console.warn("quiz: the engine did not load:", err);
    });
  }
})();
