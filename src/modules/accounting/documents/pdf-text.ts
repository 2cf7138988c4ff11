// Text for the PDF's standard fonts (Helvetica), which only have the WinAnsi character set. PDFKit
// writes any other character as a code that lands on a wrong glyph or on nothing, so every string
// is passed through here before it is measured or drawn: Latin letters lose their accents
// (ł → l, ź → z), typographic spaces become no-break spaces, and whatever is still left (Greek,
// CJK, emoji) prints as one visible '?' per character rather than silently as garbage.

// The code points of WinAnsi's 0x80–0x9F row, which Unicode puts elsewhere.
const WIN_ANSI_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

// Letters and signs that have no decomposition yet an obvious WinAnsi stand-in.
const SUBSTITUTES: Readonly<Record<string, string>> = {
  // Intl puts narrow no-break spaces in French amounts; a no-break space keeps them on one line.
  '\u202f': '\u00a0',
  '\u2007': '\u00a0',
  '\u2011': '-',
  '\u2010': '-',
  '\u2212': '-',
  '\u2028': '\n',
  '\u2029': '\n',
  '\t': ' ',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u0131': 'i',
  '\u0166': 'T',
  '\u0167': 't',
  '\u1e9e': 'SS',
  '\u2032': "'",
  '\u2033': '"',
};

const REPLACEMENT = '?';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRAS.has(code) ||
    code === 0x0a
  );
}

export function isWinAnsiText(text: string): boolean {
  for (const char of text) if (!isWinAnsi(char)) return false;
  return true;
}

/** The text as the PDF's standard fonts can print it; see the comment at the top of this file. */
export function toWinAnsi(text: string): string {
  if (isWinAnsiText(text)) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text.replace(/\r\n?/g, '\n').normalize('NFC'))) {
    out += printableGrapheme(segment);
  }
  return out;
}

function printableGrapheme(grapheme: string): string {
  if (isWinAnsiText(grapheme)) return grapheme;
  const substitute = SUBSTITUTES[grapheme];
  if (substitute !== undefined) return substitute;
  // Invisible controls (bidi marks, zero-width joiners, C0/C1 codes) have nothing to print.
  if (/^[\p{Cc}\p{Cf}\p{Mn}]+$/u.test(grapheme)) return '';
  // Compatibility decomposition turns "ź" into "z" + accent, "ﬁ" into "fi", "Ａ" into "A".
  const decomposed = [...grapheme.normalize('NFKD').replace(/\p{M}/gu, '')]
    .map((char) => SUBSTITUTES[char] ?? char)
    .join('');
  return decomposed !== '' && isWinAnsiText(decomposed) ? decomposed : REPLACEMENT;
}
