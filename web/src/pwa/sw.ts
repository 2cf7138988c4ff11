/// <reference lib="webworker" />
// The service worker: it keeps the app shell and its hashed assets so the till opens and runs
// with the server out of reach. API answers are not cached here: the POS screen keeps what it
// needs (catalogue, queued sales) in IndexedDB, where it can tell fresh from kept.
// The app's program also has the DOM's types, whose `self` is a window: name the worker's scope.
const worker = self as unknown as ServiceWorkerGlobalScope;

const CACHE = 'tandem-shell-v1';
const SHELL = '/';
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8,}\.\w+$/;
const SERVER_PATH = /^\/(api|healthz|readyz|metrics)(\/|$)/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(SHELL))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

// The page sends the assets it loaded before this worker controlled it, to keep them too.
worker.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter(
    (url): url is string =>
      typeof url === 'string' && HASHED_ASSET.test(new URL(url, worker.location.origin).pathname),
  );
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)));
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

// Pages: the server's when it answers (and kept), the kept shell when not; the app routes itself.
async function networkFirstPage(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(SHELL, response.clone());
    return response;
  } catch (error) {
    const shell = await caches.match(SHELL);
    if (shell) return shell;
    throw error;
  }
}

async function networkFirst(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(CACHE)).put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || SERVER_PATH.test(url.pathname))
    return;
  if (request.mode === 'navigate') event.respondWith(networkFirstPage(request));
  else if (HASHED_ASSET.test(url.pathname)) event.respondWith(cacheFirst(request));
  else event.respondWith(networkFirst(request));
});
