// The quiz's service worker, served as app-worker.js. It replaces go-app's
// default (Handler.ServiceWorkerTemplate) and keeps its contract: one cache
// per app version, filled at install from the list go-app writes in, and
// skipWaiting + clients.claim so that app.js sees the new version activate
// and the app can offer a reload. Differences: pages match the cache
// whatever their query string (?lang=en and the embed options), the install
// waits for the whole list (one missing file fails it instead of leaving a
// half-filled cache), only this app's old caches are deleted, and there are
// no push notification handlers (the quiz sends none).
"use strict";

const version = "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

// Caches belong to the origin, not to the worker's scope: the name carries
// the scope so that two deployments on one origin never delete each other's.
const scope = new URL(self.registration.scope);
const cachePrefix = "pmoquiz " + scope.pathname + " ";
const cacheName = cachePrefix + version;
// go-app's default worker, which earlier versions of the quiz used, named
// its caches "app-<version>"; ours have 16 hex digits.
const legacyCache = /^app-[0-9a-f]{16}$/;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    // "no-cache": revalidate with the server, so the new version never
    // stores an older copy from the browser's HTTP cache.
    await cache.addAll(resourcesToCache.map((url) => new Request(url, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

// Activation is not extended (no waitUntil), as in go-app's worker: app.js
// counts a worker reaching "activated" while another controls the page as
// an update, so this one must reach it before clients.claim() makes it the
// controller of a first visit's page.
self.addEventListener("activate", () => {
  activate().catch((err) => console.error("app worker: activation failed:", err));
});

async function activate() {
  for (const key of await caches.keys()) {
    if (key !== cacheName && (key.startsWith(cachePrefix) || legacyCache.test(key))) {
      await caches.delete(key);
    }
  }
  await self.clients.claim();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== scope.origin) {
    return; // not ours to answer: the browser goes to the network
  }
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

// file answers from this version's cache, else from the network.
async function file(request) {
  const cache = await caches.open(cacheName);
  return (await cache.match(request)) || fetch(request);
}

// page answers a navigation: the cached page whatever its query string,
// else the network; offline, a page never cached gets the app's start page
// (the app then shows its own "not found").
async function page(request) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) {
    return cached;
  }
  try {
    return await fetch(request);
  } catch (err) {
    const start = await cache.match(scope.href);
    if (start) {
      return start;
    }
    throw err;
  }
}
