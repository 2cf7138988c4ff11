// Passwords of twelve characters or more that appear near the top of public breach lists, and
// patterns that make a long password guessable anyway. Checked on every password a person sets.
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'q1w2e3r4t5y6',
  'zaq12wsxcde3',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'p@ssw0rd1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'admin1234567',
  'abcdefghijkl',
  'abcd12345678',
  'abc123abc123',
  'changeme1234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'princess1234',
  'trustno1trustno1',
  'superman1234',
  'michael12345',
  'monkey123456',
  'dragon123456',
  'starwars1234',
  'whatever1234',
  'qazwsxedcrfv',
  'asdfghjkl123',
  'zxcvbnm12345',
  'tandemtandem',
  'tandem123456',
]);

/** Why a password is too easy to guess, or undefined. */
export function commonPasswordReason(password: string, email?: string): string | undefined {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'it is one of the most common passwords';
  if (/^(.)\1+$/.test(password)) return 'it repeats one character';
  if (/^(.{1,4})\1+$/.test(password)) return 'it repeats a short pattern';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'it contains your email address';
  return undefined;
}
