// The engine's compiler: a dedicated worker that downloads app.wasm and
// compiles it as it arrives, off the page's thread. Compiling a program of
// this size keeps the thread that does it busy for tens of milliseconds at
// a time (the module's sections decoded, the compiled code handed over):
// on the page's thread those are long tasks, which hold a visitor's tap
// while the page loads. The page (loader.js) posts {url, size}; the worker
// answers {progress} (0 to 1, counted on a copy of the response) as bytes
// arrive, then {module} (the compiled module: posting it shares the
// compiled code, nothing is compiled twice), {unavailable} when app.wasm
// cannot be had (the network, the host: the page says so), or {error} when
// it arrived but did not compile here (the page's thread tries).
"use strict";

self.onmessage = async function (e) {
  var url = e.data.url;
  var size = e.data.size;
  var response;
  try {
    response = await fetch(url);
    if (!response.ok) {
      throw new Error("HTTP " + response.status + " for " + url);
    }
  } catch (err) {
    self.postMessage({ unavailable: String(err) });
    return;
  }
  try {
    if (response.body && size) {
      count(response.clone().body.getReader(), size);
    }
    self.postMessage({ module: await compile(response, url) });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};

// count reports how much of app.wasm has arrived (uncompressed bytes,
// against its size).
function count(reader, size) {
  var loaded = 0;
  var told = 0;
  function read() {
    reader.read().then(function (r) {
      if (r.done) {
        return;
      }
      loaded += r.value.byteLength;
      var p = Math.min(loaded / size, 1);
      if (p - told >= 0.01 || p === 1) { // a message a percent at most
        told = p;
        self.postMessage({ progress: p });
      }
      read();
    }, function () {});
  }
  read();
}

// compile compiles from the response itself (the browser then keeps the
// compiled code for the next visit), or whole where a host sends app.wasm
// with another type than application/wasm.
async function compile(response, url) {
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (e) {
      if (!(e instanceof TypeError)) {
        throw e;
      }
      response = await fetch(url);
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
