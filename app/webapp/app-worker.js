// The quiz's service worker, served as app-worker.js and filled in by the
// site loader (app/webapp/render.go): the version, the page in each
// language, and the files the page needs. One cache per app version,
// filled at install; skipWaiting + clients.claim so that an open page is
// taken over by the new version and can offer a reload.
//
// Pages: a navigation gets the cached page in its language (?lang=, else
// the browser's languages, else the quiz's first) whatever else its query
// holds (the embedding options). Files named by their content's hash are
// taken from the browser's HTTP cache when there (the page has just
// downloaded them: a first visit downloads app.wasm once); the others are
// revalidated, so the new version never stores an older copy. The install
// waits for the whole list (one missing file fails it instead of leaving a
// half-filled cache); only this app's old caches are deleted.
"use strict";

const version = "{{.Version}}";
const pages = {{.Pages}}; // locale → the page's URL
const defaultLocale = {{.DefaultLocale}};
const resourcesToCache = {{.ResourcesToCache}};
const immutable = {{.Immutable}};
// quizserver -dev: the pages follow the quiz file as saved, so a
// navigation asks the network first (the cache when offline).
const live = {{.Live}};
// A result's share page is share/<outcome>[.<band>][.<lang>].html: a name
// of this many dot-separated parts is in the default language, one more
// part is its language (widget.SharePath).
const shareParts = {{.ShareParts}};

// Caches belong to the origin, not to the worker's scope: the name carries
// the scope so that two deployments on one origin never delete each other's.
const scope = new URL(self.registration.scope);
const cachePrefix = "pmoquiz " + scope.pathname + " ";
const cacheName = cachePrefix + version;
// go-app's default worker, which earlier versions of the quiz used, named
// its caches "app-<version>".
const legacyCache = /^app-[0-9a-f]{16}$/;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    const revalidate = Object.values(pages).concat(resourcesToCache);
    await cache.addAll(revalidate.map((url) => new Request(url, { cache: "no-cache" })).concat(immutable));
    await self.skipWaiting();
  })());
});

// Activation deletes the older versions' caches, then takes over the open
// pages: a page that another version controlled counts the change as an
// update and offers a reload (loader.js).
self.addEventListener("activate", (event) => {
  event.waitUntil(activate().catch((err) => console.error("app worker: activation failed:", err)));
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

// locale is the language a page's URL asks for: ?lang=, else the first
// of the browser's languages the quiz has, else its first.
function locale(url) {
  const want = [url.searchParams.get("lang") || ""].concat(self.navigator.languages || []);
  for (const w of want) {
    for (const l of Object.keys(pages)) {
      if (w && (w.toLowerCase() === l.toLowerCase() || w.split("-")[0].toLowerCase() === l.toLowerCase())) {
        return l;
      }
    }
  }
  return defaultLocale;
}

// sharePage is the language of a share page's URL, or "" for another URL.
function sharePage(url) {
  const prefix = scope.pathname + "share/";
  if (!url.pathname.startsWith(prefix) || !url.pathname.endsWith(".html")) {
    return "";
  }
  const parts = url.pathname.slice(prefix.length, -".html".length).split(".");
  if (parts.length === shareParts + 1 && Object.hasOwn(pages, parts[shareParts])) {
    return parts[shareParts];
  }
  return parts.length === shareParts ? defaultLocale : "";
}

// page answers a navigation within the quiz with the cached page in its
// language, else the network; offline, a result's share page (never
// cached: there is one per result) is sent to the quiz's page in its
// language, with its fragment (#r=…), where the quiz shows that result,
// and any other page never cached gets the quiz's page (the app then shows
// its own "not found").
async function page(request) {
  const cache = await caches.open(cacheName);
  const url = new URL(request.url);
  // The base path is the page in the language asked for; each language's
  // page at its own path (index.en.html) is that one.
  const own = Object.keys(pages).find((l) => new URL(pages[l], scope).pathname === url.pathname);
  const l = own || (url.pathname === scope.pathname ? locale(url) : "");
  const cached = l && await cache.match(pages[l]);
  if (cached && !live) {
    return cached;
  }
  try {
    return await fetch(request);
  } catch (err) {
    if (cached) {
      return cached; // -dev, offline
    }
    const share = sharePage(url);
    if (share) {
      // A redirect keeps the fragment the link came with.
      return Response.redirect(new URL(pages[share], scope).href, 302);
    }
    const start = await cache.match(pages[defaultLocale]);
    if (start) {
      return start;
    }
    throw err;
  }
}
