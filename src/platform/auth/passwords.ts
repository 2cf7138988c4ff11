import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): tens of milliseconds per call.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against this when the email is unknown, so the answer takes as long either way.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hash('no account has this password');
  try {
    return await verify(storedHash ?? (await dummyHash), password);
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 12;
