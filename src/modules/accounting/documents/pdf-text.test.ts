import { describe, expect, it } from 'vitest';
import { isWinAnsiText, toWinAnsi } from './pdf-text.ts';

describe('toWinAnsi', () => {
  it('leaves Western European text as it is, euro sign and typographic quotes included', () => {
    const text = 'Société Générale – « Müller & Søn » ‘Straße’ “Œuvre” 2 × 3 € 5 ‰ … • ™';
    expect(toWinAnsi(text)).toBe(text);
  });

  it('drops only the accents WinAnsi lacks (š stays, č goes) and writes Polish ł as l', () => {
    expect(toWinAnsi('Łódź, Gdańsk, Kraków, Zielona Góra, Mąka Ślężna')).toBe(
      'Lódz, Gdansk, Kraków, Zielona Góra, Maka Slezna',
    );
    expect(toWinAnsi('Čeština, Română: ș ț, Türkçe ğ ı')).toBe('Ceština, Româna: s t, Türkçe g i');
  });

  it('prints one visible question mark per character it cannot show', () => {
    expect(toWinAnsi('Αθήνα')).toBe('?????');
    expect(toWinAnsi('東京 Ltd')).toBe('?? Ltd');
    // One mark for an emoji, even one built of several code points.
    expect(toWinAnsi('👍🏽 👨‍👩‍👧 🇫🇷')).toBe('? ? ?');
  });

  it('keeps amounts on one line: narrow and figure spaces become no-break spaces', () => {
    expect(toWinAnsi('1\u202f234,56\u00a0€')).toBe('1\u00a0234,56\u00a0€');
    expect(toWinAnsi('\u22125')).toBe('-5');
  });

  it('drops invisible controls and keeps line breaks', () => {
    expect(toWinAnsi('a\u200bb\u200fc\u0085d\r\ne\tf')).toBe('abcd\ne f');
  });

  it('always returns text the standard fonts can print', () => {
    const samples = ['Zürich 🏔️ Ⅻ ﬁne ２０２６ ǅ ẞ', '\u0000\u0080\u009f', 'e\u0301\u0301'];
    for (const sample of samples) expect(isWinAnsiText(toWinAnsi(sample))).toBe(true);
  });
});
