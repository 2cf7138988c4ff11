import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_CONTENT_TYPES,
  DOCX,
  normaliseContentType,
  resolveContentType,
  sniffContentType,
  XLSX,
} from './content-type.ts';
import { tinyPdf, tinyPng, zipHead } from './test-fixtures.ts';

const allowed = new Set(DEFAULT_ALLOWED_CONTENT_TYPES);
const text = (s: string) => Buffer.from(s, 'utf8');
const resolve = (head: Uint8Array, declared: string | undefined, filename = 'upload') =>
  resolveContentType({ head, declared, filename, allowed });

describe('sniffContentType', () => {
  it('recognises each binary format by its magic bytes', () => {
    expect(sniffContentType(tinyPdf())).toBe('application/pdf');
    expect(sniffContentType(tinyPng())).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffContentType(text('GIF87a\x01\x00'))).toBe('image/gif');
    expect(sniffContentType(text('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffContentType(text('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(zipHead())).toBe('application/zip');
  });

  it('recognises nothing in text, in other RIFF files or in too few bytes', () => {
    expect(sniffContentType(text('date,amount\n2024-01-01,12.50\n'))).toBeUndefined();
    expect(sniffContentType(text('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeUndefined();
    expect(sniffContentType(text('%PD'))).toBeUndefined();
    expect(sniffContentType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('resolveContentType', () => {
  it('normalises the declared type: case, parameters and aliases', () => {
    expect(normaliseContentType(' Text/CSV; charset=UTF-8 ')).toBe('text/csv');
    expect(resolve(tinyPng(), 'Image/PNG; foo=bar')).toBe('image/png');
    expect(resolve(Buffer.from([0xff, 0xd8, 0xff, 0xdb]), 'image/jpg')).toBe('image/jpeg');
  });

  it('accepts a declared type that the bytes agree with, OOXML included', () => {
    expect(resolve(tinyPdf(), 'application/pdf')).toBe('application/pdf');
    expect(resolve(zipHead(), XLSX)).toBe(XLSX);
    expect(resolve(zipHead(), DOCX)).toBe(DOCX);
    expect(resolve(text('{"a":1}'), 'application/json')).toBe('application/json');
    expect(resolve(text('From: a@example.com\r\n\r\nhi'), 'message/rfc822')).toBe('message/rfc822');
    // UTF-16 text has NUL bytes but starts with a byte-order mark.
    expect(resolve(Buffer.from('\ufeffa,b', 'utf16le'), 'text/csv')).toBe('text/csv');
  });

  it('takes the type from the bytes, or from the extension for text and OOXML, when none is declared', () => {
    expect(resolve(tinyPdf(), undefined, 'scan')).toBe('application/pdf');
    expect(resolve(zipHead(), undefined, 'Budget.XLSX')).toBe(XLSX);
    expect(resolve(zipHead(), undefined, 'archive.zip')).toBe('application/zip');
    expect(resolve(text('a,b\n1,2\n'), undefined, 'rows.csv')).toBe('text/csv');
  });

  it('refuses types outside the allow-list, and unrecognisable content with no declared type', () => {
    for (const [head, declared, filename] of [
      [text('<html><script>alert(1)</script>'), 'text/html', 'page.html'],
      [text('MZ\x90\x00'), 'application/x-msdownload', 'setup.exe'],
      [text('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml', 'logo.svg'],
      [text('just some words'), undefined, 'notes'],
      [text('MZ\x90\x00'), undefined, 'setup.pdf'],
    ] as const) {
      expect(() => resolve(head, declared, filename)).toThrow(
        expect.objectContaining({ code: 'storage.file_type_not_allowed', status: 415 }),
      );
    }
  });

  it('refuses a declared type that the bytes contradict', () => {
    for (const [head, declared] of [
      [tinyPdf(), 'image/png'],
      [tinyPng(), 'application/pdf'],
      [text('a,b\n1,2\n'), XLSX],
      [text('plain words'), 'image/jpeg'],
      [tinyPng(), 'text/plain'],
      [zipHead(), 'application/xml'],
      [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), 'text/plain'],
    ] as const) {
      expect(() => resolve(head, declared)).toThrow(
        expect.objectContaining({ code: 'storage.file_type_mismatch', status: 415 }),
      );
    }
  });

  it('follows an installation allow-list', () => {
    const onlyPdf = new Set(['application/pdf']);
    expect(
      resolveContentType({ head: tinyPdf(), declared: undefined, filename: 'a', allowed: onlyPdf }),
    ).toBe('application/pdf');
    expect(() =>
      resolveContentType({ head: tinyPng(), declared: 'image/png', filename: 'a', allowed: onlyPdf }),
    ).toThrow(expect.objectContaining({ code: 'storage.file_type_not_allowed' }));
  });
});
