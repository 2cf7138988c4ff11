import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import { assert } from '../assert.ts';
import {
  type ContentTypeCheck,
  DEFAULT_ALLOWED_CONTENT_TYPES,
  normaliseContentType,
  resolveContentType,
  SNIFF_BYTES,
} from './content-type.ts';
import { FileIntegrityError, StorageErrors } from './errors.ts';
import { fileKeyOf, parseFileKey } from './file-key.ts';
import type {
  FileBytes,
  FileBytesInput,
  FileInput,
  FileStore,
  FileStream,
  GetOptions,
  PutLimits,
  StoredFile,
} from './file-store.ts';
import { sanitiseFilename } from './filename.ts';

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const DEFAULT_TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

// Files being written live here until they are complete and synced. It is inside the root, so
// the final rename stays on one filesystem and is atomic.
const TEMP_DIR = '.tmp';

export type LocalFileStoreOptions = {
  /** The directory that holds the files; the server uses `<TANDEM_DATA_DIR>/files`. */
  root: string;
  maxBytes?: number | undefined;
  allowedContentTypes?: readonly string[] | undefined;
};

type Written = { sha256: string; sizeBytes: number; contentType: string };

/**
 * A FileStore in a local directory: `<root>/sha256/ab/cd/<sha256>`, written to `<root>/.tmp`,
 * synced and renamed into place, so a crash never leaves a partial file under a key.
 */
export class LocalFileStore implements FileStore {
  readonly root: string;
  readonly maxBytes: number;
  readonly #allowed: ReadonlySet<string>;
  readonly #tempDir: string;

  constructor(options: LocalFileStoreOptions) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    assert(
      Number.isSafeInteger(maxBytes) && maxBytes > 0,
      `maxBytes must be a positive integer: ${maxBytes}`,
    );
    this.root = path.resolve(options.root);
    this.maxBytes = maxBytes;
    this.#allowed = new Set(
      (options.allowedContentTypes ?? DEFAULT_ALLOWED_CONTENT_TYPES).map(normaliseContentType),
    );
    this.#tempDir = path.join(this.root, TEMP_DIR);
  }

  async put(input: FileInput, limits?: PutLimits): Promise<StoredFile> {
    const maxBytes = this.#limitOf(limits);
    const filename = sanitiseFilename(input.filename);
    const check = { declared: input.contentType, filename, allowed: this.#allowed };
    // Bytes already in memory are judged before anything touches the disk.
    if (input.bytes instanceof Uint8Array) {
      if (input.bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
      resolveContentType({ ...check, head: input.bytes.subarray(0, SNIFF_BYTES) });
    }
    await mkdir(this.#tempDir, { recursive: true });
    const tempPath = path.join(this.#tempDir, `${randomUUID()}.part`);
    try {
      const { sha256, sizeBytes, contentType } = await writeTemp(tempPath, input.bytes, maxBytes, check);
      await publish(tempPath, this.#pathOf(sha256));
      return { key: fileKeyOf(sha256), sha256, sizeBytes, contentType, filename };
    } catch (error) {
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<FileStream> {
    const { sha256, filePath } = this.#locate(key);
    const file = await open(filePath, 'r').catch((error: unknown) => rethrowMissing(error, key));
    let sizeBytes: number;
    try {
      sizeBytes = (await file.stat()).size;
    } catch (error) {
      await file.close();
      throw error;
    }
    const source = file.createReadStream();
    const body: Readable = options.verify ? pipeline(source, verifier(key, sha256), () => {}) : source;
    return { key, sha256, sizeBytes, body };
  }

  async getBytes(key: string, options: GetOptions = {}): Promise<FileBytes> {
    const { sha256, filePath } = this.#locate(key);
    const bytes = await readFile(filePath).catch((error: unknown) => rethrowMissing(error, key));
    if (options.verify) {
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) throw new FileIntegrityError(key, sha256, actual);
    }
    return { key, sha256, sizeBytes: bytes.byteLength, bytes };
  }

  async exists(key: string): Promise<boolean> {
    const { filePath } = this.#locate(key);
    try {
      return (await stat(filePath)).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    const { filePath } = this.#locate(key);
    try {
      await unlink(filePath);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /**
   * Removes temporary files left by a crash or a killed process, when older than `olderThanMs`
   * (a day by default, far longer than any upload). Returns how many it removed.
   */
  async removeStaleTempFiles(olderThanMs = DEFAULT_TEMP_MAX_AGE_MS): Promise<number> {
    const names = await readdir(this.#tempDir).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const tempPath = path.join(this.#tempDir, name);
      const info = await stat(tempPath).catch(() => undefined);
      if (info?.isFile() && info.mtimeMs < cutoff) {
        await rm(tempPath, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  #limitOf(limits: PutLimits | undefined): number {
    const requested = limits?.maxBytes;
    if (requested === undefined) return this.maxBytes;
    assert(
      Number.isSafeInteger(requested) && requested >= 0,
      `maxBytes must be an integer ≥ 0: ${requested}`,
    );
    return Math.min(requested, this.maxBytes);
  }

  #pathOf(sha256: string): string {
    const filePath = path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    // parseFileKey already refuses anything but hex; this guards the guard.
    assert(filePath.startsWith(this.root + path.sep), `file path escapes the store: ${filePath}`);
    return filePath;
  }

  #locate(key: string): { sha256: string; filePath: string } {
    const sha256 = parseFileKey(key);
    return { sha256, filePath: this.#pathOf(sha256) };
  }
}

// Hashes, measures, sniffs and writes the bytes; stops at the first chunk past the limit, and as
// soon as the first SNIFF_BYTES show a refused type. The caller removes the file on failure.
async function writeTemp(
  tempPath: string,
  bytes: FileBytesInput,
  maxBytes: number,
  check: Omit<ContentTypeCheck, 'head'>,
): Promise<Written> {
  const file = await open(tempPath, 'wx');
  try {
    const hash = createHash('sha256');
    let head = Buffer.alloc(0);
    let sizeBytes = 0;
    let contentType: string | undefined;
    for await (const chunk of chunksOf(bytes)) {
      sizeBytes += chunk.byteLength;
      if (sizeBytes > maxBytes) throw tooLarge(maxBytes);
      if (contentType === undefined) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length >= SNIFF_BYTES) contentType = resolveContentType({ ...check, head });
      }
      hash.update(chunk);
      await writeAll(file, chunk);
    }
    contentType ??= resolveContentType({ ...check, head });
    await file.sync();
    return { sha256: hash.digest('hex'), sizeBytes, contentType };
  } finally {
    await file.close();
  }
}

async function* chunksOf(bytes: FileBytesInput): AsyncIterable<Uint8Array> {
  if (bytes instanceof Uint8Array) {
    yield bytes;
    return;
  }
  for await (const chunk of bytes) {
    // A Readable with an encoding set yields strings; hashing those would store other bytes.
    assert(chunk instanceof Uint8Array, 'a file stream must yield bytes, not strings');
    yield chunk;
  }
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

// rename() replaces atomically: a reader sees the old file or the new one, never part of one.
// When the key already exists the bytes are identical (and just verified), so replacing it is
// harmless, lets concurrent puts of the same bytes all succeed, and heals a copy that rotted.
async function publish(tempPath: string, finalPath: string): Promise<void> {
  const directory = path.dirname(finalPath);
  await mkdir(directory, { recursive: true });
  await rename(tempPath, finalPath);
  // Without this the rename itself may not survive a power loss.
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function verifier(key: string, expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest('hex');
      callback(actual === expected ? null : new FileIntegrityError(key, expected, actual));
    },
  });
}

function tooLarge(maxBytes: number) {
  return StorageErrors.file_too_large(`the limit is ${maxBytes} bytes`);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function rethrowMissing(error: unknown, key: string): never {
  if (isMissing(error)) throw StorageErrors.file_not_found(key);
  throw error;
}
