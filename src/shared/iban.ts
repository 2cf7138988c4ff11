// IBANs (ISO 13616): two letters of country, two check digits, then the national account number
// (BBAN). The check is ISO 7064 MOD 97-10, the same one ISO 11649 creditor references use.
//
// Pure logic shared by the server and the browser: no Node APIs.

// Length of a whole IBAN per country, from the SWIFT IBAN registry. A country missing here has no
// IBAN, so an IBAN claiming it is refused.
const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(
    (
      'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 ' +
      'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 ' +
      'IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 ' +
      'MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 ' +
      'SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
    )
      .split(' ')
      .map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]),
  ),
);

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/;
const MAX_IBAN_INPUT_LENGTH = 64;

/**
 * The remainder modulo 97 of an alphanumeric string read as ISO 7064 MOD 97-10 does: digits as
 * themselves, letters A–Z as 10–35. Computed piecewise, so any length stays exact.
 */
export function mod97Remainder(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      throw new RangeError(
        `mod97Remainder takes digits and uppercase letters only, got ${JSON.stringify(char)}`,
      );
    }
  }
  return remainder;
}

/** An IBAN in electronic form: spaces removed, letters uppercased ("de89 3704…" → "DE893704…"). */
export function normaliseIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** Whether the text, printed or electronic, is an IBAN of the right length with right check digits. */
export function isValidIban(text: string): boolean {
  if (typeof text !== 'string' || text.length > MAX_IBAN_INPUT_LENGTH) return false;
  const iban = normaliseIban(text);
  if (!IBAN_SHAPE.test(iban)) return false;
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  return mod97Remainder(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** The printed form: groups of four characters separated by spaces ("DE89 3704 0044 0532 0130 00"). */
export function formatIban(text: string): string {
  return normaliseIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}
