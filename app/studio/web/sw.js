// The studio's service worker (scope: the studio's folder), so that the
// studio works offline after one visit. It keeps one cache per version of
// the studio's files: the page, its scripts and styles, the engine's and
// the preview's wasm and the files the preview frame loads, and the
// published quiz file. Files are answered from the cache first; the quiz
// file from the network first (it changes with each deployment, and with
// quizserver -dev at each save), the cache when offline; the -dev save
// endpoint never from the cache. The quiz's own service worker (the
// site's root) is left alone: its caches have another name.
"use strict";

const version = {{.StudioVersion}};
const precache = {{.Precache}};
const quizURL = {{.Quiz}};
const saveURL = {{.Save}};

const scope = new URL(self.registration.scope);
const cachePrefix = "pmoquiz-studio " + scope.pathname + " ";
const cacheName = cachePrefix + version;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(precache.map((url) => new Request(url, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key !== cacheName && key.startsWith(cachePrefix)) {
        await caches.delete(key);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin || url.pathname === saveURL) {
    return; // the network's
  }
  if (url.pathname === quizURL) {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  return hit || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok && request.headers.get("If-None-Match") === null) {
      await cache.put(quizURL, response.clone());
    }
    return response;
  } catch (err) {
    const hit = await cache.match(quizURL);
    if (hit) {
      return hit;
    }
    throw err;
  }
}
