import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session, shell } from 'electron';
import { version } from '../../../package.json';
import { DOC_EXTENSIONS } from '../../shared/model';
import { PRELOAD_FILE, RENDERER_DIR } from '../core/built-paths';
import { createEventHub } from '../core/events';
import { defaultArchiveDir } from '../core/paths';
import { createCore, type Core } from '../core/service';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { handleAppProtocol, registerScheme } from './protocol';
import { APP_URL, isAppUrl, windowOptions } from './window-options';
import { parseWindowState, placeWindow, WINDOW_STATE_FILE, type WindowState } from './window-state';

/** The desktop shell: lifecycle, window, menu, dialogs. Behaviour lives in the core. */

registerScheme();
// A second launch hands over to the first window (see 'second-instance') and ends here.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
const events = createEventHub();

async function pickPaths(folder: boolean): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: folder ? 'Import a folder' : 'Import files',
    properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
    filters: folder ? [] : [{ name: 'Documents', extensions: Object.values(DOC_EXTENSIONS).flat() }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

const windowStatePath = () => join(app.getPath('userData'), WINDOW_STATE_FILE);

function readWindowState(): WindowState | null {
  try {
    return parseWindowState(readFileSync(windowStatePath(), 'utf8'));
  } catch {
    return null;
  }
}

/** Written on close only: a lost write costs a window position, so no fsync dance here. */
function writeWindowState(window: BrowserWindow): void {
  const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
  try {
    writeFileSync(windowStatePath(), JSON.stringify(state));
  } catch {
    // a read-only profile: the next start opens at the default place
  }
}

function createWindow(): BrowserWindow {
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays().filter((d) => d.id !== screen.getPrimaryDisplay().id)];
  const placed = placeWindow(readWindowState(), displays.map((d) => d.workArea));
  const window = new BrowserWindow({ ...windowOptions(PRELOAD_FILE), ...placed.bounds });
  if (placed.maximized) window.maximize();
  window.on('close', () => writeWindowState(window));
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  const stopForwarding = forwardEvents(events, window);
  window.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
  void window.loadURL(APP_URL);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  handleAppProtocol(RENDERER_DIR, (id) => core?.archive.originalPdfPath(id) ?? null);

  const archiveDir = defaultArchiveDir();
  try {
    core = await createCore({ archiveDir, shell: 'electron', version, emit: events.emit, pickPaths });
  } catch (error) {
    dialog.showErrorBox('Marginalia cannot open its archive', `${(error as Error).message}`);
    app.exit(1);
    return;
  }
  const handlers = core.handlers;
  registerIpc(handlers);
  const importVia = (folder: boolean) => () => void handlers['import.dialog']({ folder });
  Menu.setApplicationMenu(buildMenu({ importFiles: importVia(false), importFolder: importVia(true) }));
  mainWindow = createWindow();

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow();
  });
}

app.on('web-contents-created', (_event, contents) => {
  // Links in documents never open inside the app; http(s) ones go to the system browser,
  // and only after the user has seen the address and agreed.
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void confirmExternal(url);
    return { action: 'deny' };
  });
});

async function confirmExternal(url: string): Promise<void> {
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url.length > 300 ? `${url.slice(0, 300)}…` : url,
  };
  const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});

if (primary) void main();
