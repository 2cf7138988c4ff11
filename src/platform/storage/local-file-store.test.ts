import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvariantError } from '../assert.ts';
import { FileIntegrityError } from './errors.ts';
import { fileKeyOf } from './file-key.ts';
import { DEFAULT_MAX_BYTES, LocalFileStore } from './local-file-store.ts';
import { tinyPdf, tinyPng } from './test-fixtures.ts';

let dir: string;
let root: string;
let store: LocalFileStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-storage-'));
  root = path.join(dir, 'files');
  store = new LocalFileStore({ root, maxBytes: 64 * 1024 });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// Every regular file under the root, as paths relative to it.
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if ((await stat(path.join(directory, entry))).isFile()) files.push(entry.split(path.sep).join('/'));
  }
  return files.sort();
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

// A source that never ends, recording how far it was read and whether it was closed.
function endless(chunk: Uint8Array) {
  const source = { pulled: 0, closed: false, stream: undefined as unknown as AsyncIterable<Uint8Array> };
  source.stream = (async function* () {
    try {
      for (;;) {
        source.pulled += 1;
        yield chunk;
      }
    } finally {
      source.closed = true;
    }
  })();
  return source;
}

describe('LocalFileStore', () => {
  it('stores bytes under their SHA-256 and gives them back, as bytes and as a stream', async () => {
    const png = tinyPng();
    const stored = await store.put({ bytes: png, filename: 'logo.png', contentType: 'image/png' });
    const hash = sha256(png);
    expect(stored).toEqual({
      key: `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`,
      sha256: hash,
      sizeBytes: png.length,
      contentType: 'image/png',
      filename: 'logo.png',
    });
    expect(await filesUnder(root)).toEqual([stored.key]);
    expect(await readFile(path.join(root, stored.key))).toEqual(png);

    const asBytes = await store.getBytes(stored.key, { verify: true });
    expect(asBytes).toMatchObject({ key: stored.key, sha256: hash, sizeBytes: png.length });
    expect(asBytes.bytes).toEqual(png);

    const asStream = await store.get(stored.key, { verify: true });
    expect(asStream).toMatchObject({ key: stored.key, sha256: hash, sizeBytes: png.length });
    expect(await readAll(asStream.body)).toEqual(png);
    expect(await store.exists(stored.key)).toBe(true);
  });

  it('hashes and stores a stream as it arrives', async () => {
    const pdf = Buffer.concat([tinyPdf(), Buffer.alloc(40_000, '% padding\n')]);
    const stored = await store.put({ bytes: chunked(pdf, 1000), filename: 'invoice.pdf' });
    expect(stored).toMatchObject({
      sha256: sha256(pdf),
      sizeBytes: pdf.length,
      contentType: 'application/pdf',
    });
    expect((await store.getBytes(stored.key, { verify: true })).bytes).toEqual(pdf);
  });

  it('keeps one copy of bytes stored twice, under one key', async () => {
    const pdf = tinyPdf();
    const first = await store.put({ bytes: pdf, filename: 'a.pdf', contentType: 'application/pdf' });
    const second = await store.put({ bytes: chunked(pdf, 7), filename: 'copy of a.pdf' });
    expect(second.key).toBe(first.key);
    expect(second.filename).toBe('copy of a.pdf');
    expect(await filesUnder(root)).toEqual([first.key]);
  });

  it('ends with one file when ten puts of the same bytes race', async () => {
    const png = tinyPng(3);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.put({
          bytes: i % 2 ? png : chunked(png, 5),
          filename: `scan-${i}.png`,
          contentType: 'image/png',
        }),
      ),
    );
    expect(new Set(results.map((r) => r.key))).toEqual(new Set([fileKeyOf(sha256(png))]));
    expect(await filesUnder(root)).toEqual([results[0]?.key]);
    expect((await store.getBytes(fileKeyOf(sha256(png)), { verify: true })).bytes).toEqual(png);
  });

  describe('size limit', () => {
    it('defaults to 25 MiB', () => {
      expect(new LocalFileStore({ root }).maxBytes).toBe(25 * 1024 * 1024);
      expect(DEFAULT_MAX_BYTES).toBe(26_214_400);
    });

    it('refuses bytes over the limit and writes nothing', async () => {
      const kept = await store.put({ bytes: tinyPng(), filename: 'kept.png' });
      const big = Buffer.concat([tinyPdf(), Buffer.alloc(64 * 1024)]);
      await expect(store.put({ bytes: big, filename: 'big.pdf' })).rejects.toMatchObject({
        code: 'storage.file_too_large',
        status: 413,
      });
      expect(await filesUnder(root)).toEqual([kept.key]);
    });

    it('aborts a stream at the first chunk past the limit and removes its temporary file', async () => {
      const kept = await store.put({ bytes: tinyPng(), filename: 'kept.png' });
      const source = endless(Buffer.alloc(1024, 'x'));
      await expect(
        store.put({ bytes: source.stream, filename: 'endless.txt', contentType: 'text/plain' }),
      ).rejects.toMatchObject({ code: 'storage.file_too_large', status: 413 });
      expect(source.pulled).toBe(65); // 64 KiB fit; the 65th KiB is one too many
      expect(source.closed).toBe(true);
      expect(await filesUnder(root)).toEqual([kept.key]);
      expect(await readdir(path.join(root, '.tmp'))).toEqual([]);
    });

    it('destroys a Node stream that runs over the limit', async () => {
      const stream = chunked(Buffer.concat([tinyPdf(), Buffer.alloc(100 * 1024)]), 4096);
      await expect(store.put({ bytes: stream, filename: 'big.pdf' })).rejects.toMatchObject({
        code: 'storage.file_too_large',
      });
      expect(stream.destroyed).toBe(true);
      expect(await filesUnder(root)).toEqual([]);
    });

    it('takes a lower limit per call, but never one above the store limit', async () => {
      const pdf = tinyPdf();
      await expect(
        store.put({ bytes: pdf, filename: 'a.pdf' }, { maxBytes: pdf.length - 1 }),
      ).rejects.toMatchObject({ code: 'storage.file_too_large' });
      await expect(
        store.put({ bytes: pdf, filename: 'a.pdf' }, { maxBytes: pdf.length }),
      ).resolves.toMatchObject({ sizeBytes: pdf.length });
      const big = Buffer.concat([pdf, Buffer.alloc(64 * 1024)]);
      await expect(
        store.put({ bytes: chunked(big, 8192), filename: 'b.pdf' }, { maxBytes: 1024 * 1024 }),
      ).rejects.toMatchObject({ code: 'storage.file_too_large' });
    });
  });

  describe('content types', () => {
    it('refuses a type outside the allow-list', async () => {
      await expect(
        store.put({ bytes: Buffer.from('<html></html>'), filename: 'a.html', contentType: 'text/html' }),
      ).rejects.toMatchObject({ code: 'storage.file_type_not_allowed', status: 415 });
      await expect(
        store.put({ bytes: Buffer.from('MZ\x90\x00\x03'), filename: 'setup.exe' }),
      ).rejects.toMatchObject({ code: 'storage.file_type_not_allowed', status: 415 });
      expect(await filesUnder(root)).toEqual([]);
    });

    it('refuses a declared type that the bytes contradict', async () => {
      await expect(
        store.put({ bytes: tinyPdf(), filename: 'photo.png', contentType: 'image/png' }),
      ).rejects.toMatchObject({ code: 'storage.file_type_mismatch', status: 415 });
      await expect(
        store.put({ bytes: chunked(tinyPng(), 3), filename: 'a.pdf', contentType: 'application/pdf' }),
      ).rejects.toMatchObject({ code: 'storage.file_type_mismatch', status: 415 });
      expect(await filesUnder(root)).toEqual([]);
    });

    it('judges a stream on its first bytes, without reading the rest', async () => {
      const source = endless(tinyPdf());
      await expect(
        store.put({ bytes: source.stream, filename: 'x.png', contentType: 'image/png' }),
      ).rejects.toMatchObject({ code: 'storage.file_type_mismatch' });
      expect(source.pulled).toBeLessThanOrEqual(Math.ceil(512 / tinyPdf().length));
      expect(source.closed).toBe(true);
      expect(await filesUnder(root)).toEqual([]);
    });

    it('honours an allow-list given to the store', async () => {
      const pdfOnly = new LocalFileStore({ root, allowedContentTypes: ['application/pdf'] });
      await expect(pdfOnly.put({ bytes: tinyPdf(), filename: 'a.pdf' })).resolves.toMatchObject({
        contentType: 'application/pdf',
      });
      await expect(pdfOnly.put({ bytes: tinyPng(), filename: 'a.png' })).rejects.toMatchObject({
        code: 'storage.file_type_not_allowed',
      });
    });
  });

  it('sanitises the filename and never uses it in the storage path', async () => {
    const stored = await store.put({
      bytes: Buffer.from('date,amount\n2024-05-01,12.50\n'),
      filename: '../../../etc/cron.d/\u0000evil\u202E.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(stored.filename).toBe('evil.csv');
    expect(stored.contentType).toBe('text/csv');
    expect(await filesUnder(dir)).toEqual([`files/${stored.key}`]);
  });

  describe('keys', () => {
    it('refuses keys that are not exactly a store key, so none can leave the root', async () => {
      await writeFile(path.join(dir, 'secret.txt'), 'do not touch');
      const hash = sha256(Buffer.from('do not touch'));
      const attempts = [
        '../secret.txt',
        '../../../../etc/passwd',
        '/etc/passwd',
        path.join(dir, 'secret.txt'),
        'sha256/../../secret.txt',
        `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/../../../../secret.txt`,
        `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}/..`,
        `sha256\\${hash.slice(0, 2)}\\${hash.slice(2, 4)}\\${hash}`,
        `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.toUpperCase()}`,
        `sha256/00/00/${hash}`, // the fan-out must match the hash
        `sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}\n`,
        `./sha256/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`,
        '',
      ];
      for (const key of attempts) {
        for (const attempt of [
          () => store.get(key),
          () => store.getBytes(key),
          () => store.exists(key),
          () => store.delete(key),
        ]) {
          await expect(attempt(), key).rejects.toMatchObject({
            code: 'storage.invalid_file_key',
            status: 400,
          });
        }
      }
      expect(await readFile(path.join(dir, 'secret.txt'), 'utf8')).toBe('do not touch');
    });

    it('answers file_not_found for a well-formed key that holds nothing', async () => {
      const key = fileKeyOf(sha256(Buffer.from('never stored')));
      await expect(store.get(key)).rejects.toMatchObject({ code: 'storage.file_not_found', status: 404 });
      await expect(store.getBytes(key)).rejects.toMatchObject({
        code: 'storage.file_not_found',
        status: 404,
      });
      expect(await store.exists(key)).toBe(false);
    });
  });

  describe('integrity', () => {
    it('detects a file changed on disk when asked to verify, and a new put of the bytes heals it', async () => {
      const pdf = tinyPdf();
      const stored = await store.put({ bytes: pdf, filename: 'a.pdf' });
      const corrupt = Buffer.from(pdf);
      corrupt[20] = (corrupt[20] ?? 0) ^ 0xff; // one flipped byte, same size
      await writeFile(path.join(root, stored.key), corrupt);

      const error = await store.getBytes(stored.key, { verify: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileIntegrityError);
      expect(error).toBeInstanceOf(InvariantError); // a 500 logged as a bug, not a 4xx
      expect(error).toMatchObject({
        key: stored.key,
        expectedSha256: stored.sha256,
        actualSha256: sha256(corrupt),
      });

      const streamed = await store.get(stored.key, { verify: true });
      await expect(readAll(streamed.body)).rejects.toBeInstanceOf(FileIntegrityError);

      // Verification is opt-in: without it the bytes come back as they are.
      expect((await store.getBytes(stored.key)).bytes).toEqual(corrupt);

      await store.put({ bytes: pdf, filename: 'a.pdf' });
      expect((await store.getBytes(stored.key, { verify: true })).bytes).toEqual(pdf);
    });
  });

  it('deletes a file, and reports when there was nothing to delete', async () => {
    const kept = await store.put({ bytes: tinyPng(1), filename: 'one.png' });
    const gone = await store.put({ bytes: tinyPng(2), filename: 'two.png' });
    expect(await store.delete(gone.key)).toBe(true);
    expect(await store.exists(gone.key)).toBe(false);
    await expect(store.getBytes(gone.key)).rejects.toMatchObject({ code: 'storage.file_not_found' });
    expect(await store.delete(gone.key)).toBe(false);
    expect(await filesUnder(root)).toEqual([kept.key]);
  });

  it('removes temporary files left by a crash once they are old', async () => {
    const tempDir = path.join(root, '.tmp');
    await mkdir(tempDir, { recursive: true });
    const old = path.join(tempDir, 'crashed.part');
    await writeFile(old, 'half a file');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    await writeFile(path.join(tempDir, 'uploading.part'), 'in progress');

    expect(await store.removeStaleTempFiles()).toBe(1);
    expect(await readdir(tempDir)).toEqual(['uploading.part']);
    expect(await new LocalFileStore({ root: path.join(dir, 'empty') }).removeStaleTempFiles()).toBe(0);
  });
});
