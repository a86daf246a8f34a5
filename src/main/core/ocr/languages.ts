import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * OCR language data comes from the npm registry with the install (`@tesseract.js-data/<code>`,
 * the `4.0.0_best_int` models), never from a network at run time. tesseract.js reads every
 * language from one folder, while each package holds its own: `languageFolder` gathers
 * the chosen ones into one folder of links.
 */

const MODEL = '4.0.0_best_int';
const CODE = /^[a-z]{3}(?:_[a-z]{3,4})?$/;
const requireHere = createRequire(import.meta.url);

/** The model file of an installed language, or undefined. */
export function modelFile(code: string): string | undefined {
  if (!CODE.test(code)) return undefined;
  try {
    const dir = dirname(requireHere.resolve(`@tesseract.js-data/${code}/package.json`));
    const file = join(dir, MODEL, `${code}.traineddata.gz`);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Every language installed beside eng and chi_sim (users may install more from the registry). */
export function installedLanguages(): string[] {
  const found = new Set<string>();
  let scope: string | undefined;
  try {
    scope = dirname(dirname(requireHere.resolve('@tesseract.js-data/eng/package.json')));
  } catch {
    return [];
  }
  for (const name of readdirSync(scope)) if (modelFile(name)) found.add(name);
  return [...found].sort();
}

/** Parses "chi_sim+eng" and checks each language is installed; throws a sentence that names the missing one. */
export function parseLanguages(spec: string): string[] {
  const codes = spec
    .split('+')
    .map((s) => s.trim())
    .filter(Boolean);
  if (codes.length === 0) throw new Error('no OCR language given (e.g. chi_sim+eng)');
  for (const code of codes) {
    if (!CODE.test(code)) throw new Error(`"${code}" is not an OCR language code (e.g. eng, chi_sim)`);
    if (!modelFile(code)) {
      const have = installedLanguages().join(', ') || 'none';
      throw new Error(`OCR language ${code} is not installed (installed: ${have}); add it with npm install @tesseract.js-data/${code}`);
    }
  }
  return [...new Set(codes)];
}

/** A temporary folder holding the models of `codes`, for tesseract.js's one langPath; remove with the returned function. */
export function languageFolder(codes: string[]): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'marginalia-ocr-'));
  for (const code of codes) {
    const file = modelFile(code);
    if (!file) throw new Error(`OCR language ${code} is not installed`);
    const target = join(path, `${code}.traineddata.gz`);
    try {
      symlinkSync(file, target);
    } catch {
      // Systems that refuse links to unprivileged users (Windows) get a copy.
      copyFileSync(file, target);
    }
  }
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
