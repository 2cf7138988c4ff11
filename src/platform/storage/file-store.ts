import type { Readable } from 'node:stream';

// The platform's one store for file contents: attachments, images, generated PDFs. Today a local
// directory (LocalFileStore); S3-compatible storage later, behind the same interface.
//
// Files are content-addressed: the key is the SHA-256 of the bytes, so storing the same bytes
// twice keeps one copy. The store keeps bytes only; the filename and content type that `put`
// returns belong to that upload and are kept by the caller next to the key (two uploads of the
// same bytes may carry different names). For the same reason a caller must not `delete` a key that
// another record still refers to.

/** Bytes in memory (a Buffer is a Uint8Array) or a stream of chunks (a Node Readable, a web stream). */
export type FileBytesInput = Uint8Array | AsyncIterable<Uint8Array>;

export type FileInput = {
  bytes: FileBytesInput;
  /** As uploaded; it is sanitised and returned, never used in a storage path. */
  filename: string;
  /** As declared by the uploader; checked against the allow-list and against the bytes. */
  contentType?: string | undefined;
};

export type PutLimits = {
  /** A lower limit for this call; a value above the store's `maxBytes` is capped to it. */
  maxBytes?: number | undefined;
};

export type StoredFile = {
  key: string;
  /** Lower-case hex. */
  sha256: string;
  sizeBytes: number;
  /** The normalised type essence, e.g. `text/csv` (parameters such as charset are dropped). */
  contentType: string;
  /** The sanitised filename. */
  filename: string;
};

export type GetOptions = {
  /** Hash what is read and throw FileIntegrityError if it does not match the key. */
  verify?: boolean | undefined;
};

export type FileInfo = { key: string; sha256: string; sizeBytes: number };

/** With `verify`, a corrupt file makes the stream fail with FileIntegrityError at its end. */
export type FileStream = FileInfo & { body: Readable };

export type FileBytes = FileInfo & { bytes: Buffer };

export interface FileStore {
  /** The largest file the store accepts, in bytes. */
  readonly maxBytes: number;
  /**
   * Stores the bytes (once, whatever the number of puts) and returns their key.
   * Throws `storage.file_too_large`, `storage.file_type_not_allowed`, `storage.file_type_mismatch`.
   */
  put(input: FileInput, limits?: PutLimits): Promise<StoredFile>;
  /** Throws `storage.invalid_file_key`, `storage.file_not_found`. */
  get(key: string, options?: GetOptions): Promise<FileStream>;
  /** Throws `storage.invalid_file_key`, `storage.file_not_found`, FileIntegrityError when verifying. */
  getBytes(key: string, options?: GetOptions): Promise<FileBytes>;
  exists(key: string): Promise<boolean>;
  /** Removes the file; false when there was none. */
  delete(key: string): Promise<boolean>;
}
