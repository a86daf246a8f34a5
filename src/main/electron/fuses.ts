/**
 * Electron fuses for a packaged Marginalia: switches compiled into the Electron binary that
 * no command line or environment can turn back on. A packager runs this on the binary it
 * ships, after copying the app into it (electron-builder: afterPack; Forge: the fuses
 * plugin with the same settings):
 *
 *   npm run fuses -- path/to/Marginalia(.exe|.app)
 *
 * Not run here: these machines have no Electron binary (see README). The test flips a
 * synthetic fuse wire with the same library and settings.
 */
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // Kept on, and the one trade-off here: the PDF reader is this same binary run as Node
  // (ELECTRON_RUN_AS_NODE) under Node's permission model (importers/pdf-process.ts).
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect cannot inject code into the app.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app runs only from its own app.asar, checked against the hash in the binary. The
  // packager must unpack resources/pdf-worker.mjs, resources/page-render.mjs (and the modules they import), pdfjs-dist and
  // @napi-rs/canvas, utif2 and pako (asarUnpack): the PDF reader's permission model allows reading real paths only.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // app:// serves the app; file:// gets no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

/** Sets FUSES in the binary; answers how many fuse wires were set (two in a universal macOS build). */
export function setFuses(binary: string): Promise<number> {
  return flipFuses(binary, FUSES);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: npm run fuses -- path/to/the/packaged/electron/binary');
    process.exit(2);
  }
  setFuses(binary).then(
    (wires) => console.log(`fuses set in ${binary} (${wires} fuse wire${wires === 1 ? '' : 's'})`),
    (error: unknown) => {
      console.error(`fuses not set: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
