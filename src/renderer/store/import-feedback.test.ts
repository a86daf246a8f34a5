import { describe, expect, it } from 'vitest';
import { fileList, importFailureToast, importFixKey } from './import-feedback';

const t = (key: string, args?: Record<string, unknown>) => (args ? `${key}${JSON.stringify(args)}` : key);

describe('import failure toasts', () => {
  it('offer the fix that matches the core’s reason', () => {
    expect(importFixKey({ file: 'a.xyz', reason: 'unsupported file type .xyz (importable: .txt, .md)' })).toBe('fix.unsupported');
    expect(importFixKey({ file: 'a.pdf', reason: 'password required', needsPassword: true })).toBe('fix.password');
    expect(importFixKey({ file: 'a.docx', reason: 'password-protected DOCX: remove the password in Word and import again', needsPassword: true })).toBeNull();
    expect(importFixKey({ file: 'a.pdf', reason: 'not a PDF file (no %PDF- header)' })).toBe('fix.corrupt');
    expect(importFixKey({ file: 'a.docx', reason: 'corrupt DOCX: the file is truncated (no zip directory at its end)' })).toBe('fix.corrupt');
    expect(importFixKey({ file: 'a.txt', reason: 'could not be stored in the archive: the disk is full' })).toBe('fix.diskFull');
    expect(importFixKey({ file: 'a.txt', reason: 'the archive is on a read-only file system' })).toBe('fix.readOnly');
    expect(importFixKey({ file: 'a.txt', reason: 'anything', requestFailed: true })).toBe('fix.request');
    expect(importFixKey({ file: 'a.txt', reason: 'file larger than 64 MiB: import it with the marginalia import command' })).toBeNull();
  });

  it('name one file with its reason and fix', () => {
    expect(importFailureToast([{ file: 'broken.pdf', reason: 'not a PDF file (no %PDF- header)' }], t)).toEqual({
      kind: 'error',
      title: 'alert.importFiles{"files":"broken.pdf"}',
      message: 'not a PDF file (no %PDF- header)',
      fix: 'fix.corrupt',
    });
    expect(importFailureToast([], t)).toBeNull();
  });

  it('name several files, the first three and how many more, and point to the summary when their fixes differ', () => {
    const toast = importFailureToast(
      [
        { file: 'a.pdf', reason: 'not a PDF file' },
        { file: 'b.xyz', reason: 'unsupported file type .xyz' },
        { file: 'c.pdf', reason: 'not a PDF file' },
        { file: 'd.pdf', reason: 'not a PDF file' },
      ],
      t,
    );
    expect(toast?.title).toBe('alert.importFiles{"files":"files.andMore{\\"list\\":\\"a.pdffiles.separatorb.xyzfiles.separatorc.pdf\\",\\"count\\":1}"}');
    expect(toast?.fix).toBe('fix.summary');
    expect(fileList(['a', 'b'], (k) => (k === 'files.separator' ? ', ' : k))).toBe('a, b');
  });
});
