{% load static %}/* The grid's service worker: keeps the visit page and its files so the page opens without
   network (the entries typed offline wait in IndexedDB, see visit-queue.js). */
"use strict";
const CACHE = "pingxing-grid-v1";
const PAGES = ["{% url 'grid:visit_new' as u %}{{ u }}"];
const ASSETS = [
  "{% static 'pingxing/app.css' as a %}{{ a }}",
  "{% static 'pingxing/app.js' as b %}{{ b }}",
  "{% static 'vendor/htmx-2.0.11/htmx.min.js' as c %}{{ c }}",
  "{% static 'pingxing/favicon.svg' as d %}{{ d }}",
  "{% static 'grid/grid.css' as e %}{{ e }}",
  "{% static 'grid/visit-queue.js' as f %}{{ f }}"
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    Promise.all([...PAGES, ...ASSETS].map((url) => cache.add(url).catch(() => null)))));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (!PAGES.includes(url.pathname) && !ASSETS.includes(url.pathname)) return;
  // Network first (a fresh page and token when online), the kept copy when offline.
  event.respondWith(fetch(request).then((response) => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
    }
    return response;
  }).catch(() => caches.match(url.pathname).then((kept) => kept || Response.error())));
});
