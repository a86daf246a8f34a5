/**
 * What the page does before the rest of its code is evaluated: main.tsx imports this module
 * first, so it runs first. The address the window reopens (restoreLastRoute), and in browser
 * mode, on the library, the library's table asked for (early-call.ts).
 */
import { askEarly } from './api/early-call';
import { settingsHref } from './features/settings/use-settings-route';
import { parseRoute } from './routing';
import { restoreLastRoute } from './shell/session';

restoreLastRoute();

/** Whether the window opens on the library view (not a document, another view or Settings). */
export const startsOnLibrary = parseRoute(window.location.hash).name === 'library' && !window.location.hash.startsWith(settingsHref);

if (startsOnLibrary && !window.api) askEarly('library.table');
