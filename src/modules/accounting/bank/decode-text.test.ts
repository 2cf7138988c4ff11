import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, lineOfOffset } from './decode-text.ts';
import { assertFileSize, assertLineCount, countTextLines, MAX_STATEMENT_FILE_BYTES } from './limits.ts';
import { StatementParseError } from './statement-parse-error.ts';

describe('decoding bank files', () => {
  it('reads windows-1252, including the characters it puts at 0x80–0x9F', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x8a, 0x93, 0x94, 0x96, 0x9f, 0xe9, 0xfc, 0x41]))).toBe(
      '€Š“”–Ÿéü' + 'A',
    );
    expect(decodeText(Uint8Array.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), 'latin1')).toBe('Müller');
  });

  it('strips a byte order mark, and lets it decide the encoding', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]), 'utf-8')).toBe('Aé');
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9]), 'windows-1252')).toBe('é');
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]), 'utf-8')).toBe('Aé');
  });

  it('refuses text that is not UTF-8 when told it is, with the line of the first bad byte', () => {
    const bytes = Buffer.concat([
      Buffer.from('date;amount\n2024-01-01;1\n2024-01-02;M'),
      Buffer.from([0xfc]),
      Buffer.from('ller\n'),
    ]);
    expect(() => decodeText(bytes, 'utf-8')).toThrow(StatementParseError);
    try {
      decodeText(bytes, 'utf-8');
    } catch (error) {
      expect((error as StatementParseError).line).toBe(3);
      expect((error as StatementParseError).reason).toMatch(/not valid UTF-8/);
    }
  });

  it('counts lines ended by \\n, \\r\\n or a lone \\r', () => {
    expect(countTextLines('')).toBe(0);
    expect(countTextLines('a')).toBe(1);
    expect(countTextLines('a\nb\n')).toBe(2);
    expect(countTextLines('a\r\nb\rc')).toBe(3);
    expect(lineOfOffset('a\r\nb\rc', 5)).toBe(3);
  });

  it('refuses files over 20 MB and over 100,000 lines', () => {
    expect(() => assertFileSize(new Uint8Array(MAX_STATEMENT_FILE_BYTES))).not.toThrow();
    expect(() => assertFileSize(new Uint8Array(MAX_STATEMENT_FILE_BYTES + 1))).toThrow(
      /over 20971520 bytes \(20 MB\) are refused/,
    );
    expect(() => assertLineCount(100_000, 'lines')).not.toThrow();
    expect(() => assertLineCount(100_001, 'lines')).toThrow(
      'The file has 100001 lines; at most 100000 are read from one file: split it',
    );
  });
});
