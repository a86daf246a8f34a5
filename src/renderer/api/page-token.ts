const KEY = 'marginalia.apiToken';
/** Same name as the server's API_TOKEN_META (src/main/server/security.ts). */
const META = 'marginalia-api-token';

/**
 * Browser mode's API token. The server puts it in the page once, on the visit with the
 * printed address; the page keeps it in sessionStorage (per origin, so per port, and gone
 * with the tab) and takes `?token=` out of the address bar. It travels only in a header:
 * a cookie alone, which any other server on 127.0.0.1 receives, opens no API call.
 */
export function pageToken(): string | null {
  const fromPage = document.querySelector<HTMLMetaElement>(`meta[name="${META}"]`)?.content;
  if (fromPage) {
    try {
      sessionStorage.setItem(KEY, fromPage);
    } catch {
      /* storage off: this load still works */
    }
    const url = new URL(window.location.href);
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    }
    return fromPage;
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
