import { describe, expect, it } from 'vitest';
import { MAX_FILENAME_BYTES, sanitiseFilename } from './filename.ts';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('sanitiseFilename', () => {
  it('keeps only the last path component, whichever the separator', () => {
    expect(sanitiseFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFilename('/var/data/report.pdf')).toBe('report.pdf');
    expect(sanitiseFilename('C:\\Users\\ana\\Documents\\Factura 12.pdf')).toBe('Factura 12.pdf');
  });

  it('removes control characters and the bidirectional overrides that disguise an extension', () => {
    expect(sanitiseFilename('in\u0000voi\nce\r\t\u007f\u0085.pdf')).toBe('invoice.pdf');
    expect(sanitiseFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('never returns an empty name, "." or ".."', () => {
    for (const name of ['', '   ', '..', '.', 'docs/', 'a/..', '\u0001\u0002']) {
      expect(sanitiseFilename(name)).toBe('file');
    }
  });

  it('keeps ordinary names, accents and composed characters as they are', () => {
    expect(sanitiseFilename('Reçu n°5 — août.pdf')).toBe('Reçu n°5 — août.pdf');
    expect(sanitiseFilename('Cafe\u0301.txt')).toBe('Café.txt'); // NFC
  });

  it('shortens long names to 255 bytes before the extension, never splitting a character', () => {
    const ascii = sanitiseFilename(`${'a'.repeat(400)}.xlsx`);
    expect(bytes(ascii)).toBe(MAX_FILENAME_BYTES);
    expect(ascii.endsWith('a.xlsx')).toBe(true);

    const wide = sanitiseFilename(`${'€'.repeat(200)}.pdf`); // 3 bytes each
    expect(bytes(wide)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(wide).toMatch(/^€+\.pdf$/);

    const noExtension = sanitiseFilename('😀'.repeat(100)); // 4 bytes each
    expect(bytes(noExtension)).toBeLessThanOrEqual(MAX_FILENAME_BYTES);
    expect(noExtension).toBe('😀'.repeat(63));
  });

  it('replaces lone surrogates instead of letting them become invalid UTF-8', () => {
    expect(sanitiseFilename('a\uD800b.txt')).toBe('a\uFFFDb.txt');
  });
});
