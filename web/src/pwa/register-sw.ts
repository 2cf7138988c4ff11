// Registers the service worker (built to /sw.js) where browsers allow one: https, or localhost.
// Not in the dev server, whose modules are not the built assets the worker keeps.
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', async () => {
    try {
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const ready = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).origin === location.origin);
      ready.active?.postMessage({ type: 'keep', urls });
    } catch (error) {
      console.warn('the offline app could not be installed', error);
    }
  });
}
