import { StorageErrors } from './errors.ts';

// A file's key is its SHA-256, fanned out over two directory levels so that no directory holds
// more than a few thousand entries: `sha256/ab/cd/abcd…` (64 lower-case hex digits).
const FILE_KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function fileKeyOf(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw StorageErrors.invalid_file_key('not a SHA-256 in hex');
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * The SHA-256 a key names. Anything but the exact key shape is refused, so no key can climb out
 * of the store (`..`, absolute paths, backslashes, other encodings).
 */
export function parseFileKey(key: unknown): string {
  const match = typeof key === 'string' && key.length <= 80 ? FILE_KEY.exec(key) : null;
  const sha256 = match?.[3];
  if (!match || !sha256 || match[1] !== sha256.slice(0, 2) || match[2] !== sha256.slice(2, 4)) {
    throw StorageErrors.invalid_file_key(
      'a file key looks like sha256/ab/cd/<64 lower-case hex digits starting abcd>',
    );
  }
  return sha256;
}
