import { describe, expect, it } from 'vitest';
import { importerFor, importers } from './registry';

describe('importerFor', () => {
  it('picks the importer by extension, case-insensitively', () => {
    expect(importerFor('notes.txt')?.type).toBe('txt');
    expect(importerFor('NOTES.TEXT')?.type).toBe('txt');
    expect(importerFor('dir.v2/readme.md')?.type).toBe('md');
    expect(importerFor('C:\\docs\\Guide.Markdown')?.type).toBe('md');
  });

  it('has no importer for other or missing extensions', () => {
    expect(importerFor('report.pdf')?.type).toBe('pdf');
    expect(importerFor('scan.tiff')?.type).toBe('image');
    expect(importerFor('scan.bmp')).toBeUndefined();
    expect(importerFor('README')).toBeUndefined();
    expect(importerFor('archive.txt/')).toBeUndefined();
    expect(importerFor('dir.md/file')).toBeUndefined();
  });

  it('lists each extension once', () => {
    const all = importers.flatMap((i) => i.extensions);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(['docx', 'epub', 'htm', 'html', 'jpeg', 'jpg', 'markdown', 'md', 'odt', 'pdf', 'png', 'rtf', 'text', 'tif', 'tiff', 'txt', 'xhtml']);
  });
});
