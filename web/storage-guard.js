// Runs before app.js. In a third-party frame a browser may block storage,
// and then merely reading window.localStorage throws. go-app reads it
// without a guard and the app would die after its first render, so where
// access throws, an in-memory stand-in (kept for this page view only) takes
// its place. Nothing is sent anywhere either way.
(function () {
  "use strict";
  function works(name) {
    try {
      var s = window[name];
      var k = "__pmoquiz_probe__";
      s.setItem(k, k);
      s.removeItem(k);
      return true;
    } catch (e) {
      return false;
    }
  }
  function memoryStorage() {
    var data = new Map();
    return {
      get length() { return data.size; },
      key: function (i) { return Array.from(data.keys())[i] ?? null; },
      getItem: function (k) { k = String(k); return data.has(k) ? data.get(k) : null; },
      setItem: function (k, v) { data.set(String(k), String(v)); },
      removeItem: function (k) { data.delete(String(k)); },
      clear: function () { data.clear(); },
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    if (works(name)) {
      return;
    }
    var stand = memoryStorage();
    try {
      Object.defineProperty(window, name, { configurable: true, get: function () { return stand; } });
    } catch (e) {
      // Nothing more can be done; the quiz itself does not need storage.
    }
  });
})();
