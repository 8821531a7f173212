// The studio's engine in a Web Worker: web/studio.wasm (cmd/studiowasm),
// the quiz checker and analysis, off the page's main thread. The page
// posts {type: "check" | "analyze", id, src, file}; the worker answers
// {type, id, result, ms} with the engine's report, or {type: "failed",
// error} when the engine cannot run. Requests that come while the engine
// starts wait for it.
"use strict";

importScripts({{.WasmExec}});

var queue = [];
var ready = false;

self.pmoquizStudioReady = function () {
  ready = true;
  while (queue.length > 0) {
    handle(queue.shift());
  }
};

function handle(m) {
  var t0 = performance.now();
  var out;
  try {
    out = m.type === "analyze" ?
      self.pmoquizStudio.analyze(m.src, m.file, m.samples || 0) :
      self.pmoquizStudio.check(m.src, m.file);
    self.postMessage({ type: m.type, id: m.id, result: JSON.parse(out), ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ type: "failed", id: m.id, error: String(e) });
  }
}

self.onmessage = function (e) {
  if (ready) {
    handle(e.data);
  } else {
    queue.push(e.data);
  }
};

(async function () {
  var go = new Go();
  try {
    var response = await fetch({{.EngineWasm}});
    if (!response.ok) {
      throw new Error("HTTP " + response.status + " for " + {{.EngineWasm}});
    }
    var result;
    try {
      result = await WebAssembly.instantiateStreaming(response.clone(), go.importObject);
    } catch (e) {
      if (!(e instanceof TypeError)) {
        throw e;
      }
      result = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
    }
    go.run(result.instance).then(function () {
      self.postMessage({ type: "failed", error: "the engine stopped" });
    });
  } catch (e) {
    self.postMessage({ type: "failed", error: String(e) });
  }
})();
