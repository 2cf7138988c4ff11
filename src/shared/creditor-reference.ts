// ISO 11649 structured creditor references ("RF references"): "RF", two check digits, then 1 to 21
// letters or digits chosen by the creditor (here: an invoice number). Payers copy it into their
// transfer, and the bank hands it back in the statement, so a payment finds its invoice.
//
// Pure logic shared by the server and the browser: no Node APIs.

import { mod97Remainder } from './iban.ts';

const MAX_BASE_LENGTH = 21;
const ELECTRONIC_FORM = /^RF\d{2}[A-Z0-9]{1,21}$/;
const MAX_INPUT_LENGTH = 200;
const MAX_SCANNED_TEXT_LENGTH = 10_000;

/**
 * The RF creditor reference for an invoice number, e.g. 'INV/2026/00042' → 'RF…INV202600042'.
 * Only letters and digits of the base are kept (uppercased); at most 21 may remain.
 */
export function makeCreditorReference(base: string): string {
  const kept = base.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (kept.length === 0) {
    throw new RangeError(
      `A creditor reference needs letters or digits to build on, got ${JSON.stringify(base)}`,
    );
  }
  if (kept.length > MAX_BASE_LENGTH) {
    throw new RangeError(
      `A creditor reference holds at most ${MAX_BASE_LENGTH} letters and digits after RF and the check digits; ` +
        `${JSON.stringify(base)} has ${kept.length}`,
    );
  }
  // ISO 11649: append "RF00", read letters as 10–35, and the check digits are 98 − (that mod 97).
  const check = 98 - mod97Remainder(`${kept}RF00`);
  return `RF${String(check).padStart(2, '0')}${kept}`;
}

/** The printed form: groups of four separated by spaces ("RF18 5390 0754 7034"). */
export function formatCreditorReference(reference: string): string {
  return electronicForm(reference).replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whether the text is an RF creditor reference with correct check digits; spaces and case are ignored. */
export function isValidCreditorReference(text: string): boolean {
  if (typeof text !== 'string' || text.length > MAX_INPUT_LENGTH) return false;
  const reference = electronicForm(text);
  if (!ELECTRONIC_FORM.test(reference)) return false;
  return mod97Remainder(reference.slice(4) + reference.slice(0, 4)) === 1;
}

/**
 * The valid RF references found in free text such as a transfer's remittance line, in electronic
 * form and in order of appearance, without repeats. A reference may be printed with spaces; a
 * candidate is only ever cut where a word ends, so "RF18539007547034X" is not read as RF18….
 * A printed reference followed by a short word ("RF.. 792C UTO9 ok") may, one time in 97, also
 * read validly with the word; then both readings are returned, the shorter first.
 */
export function findCreditorReferences(text: string): string[] {
  const found: string[] = [];
  const scanned = text.slice(0, MAX_SCANNED_TEXT_LENGTH);
  for (const match of scanned.matchAll(/(?<![A-Za-z0-9])RF\d{2}/gi)) {
    for (const reference of validReferencesAt(scanned, match.index)) {
      if (!found.includes(reference)) found.push(reference);
    }
  }
  return found;
}

// Reads the word at "RFdd" and, when it is a printed group of four, the following groups (four
// characters each, the last one to four), keeping every candidate whose check digits hold. Words
// of other lengths end the reference, so "RF18539007547034 thanks" stays RF18….
function validReferencesAt(text: string, start: number): string[] {
  // Sticky: each word must begin exactly where the previous word and its one space ended.
  const nextWord = /([A-Za-z0-9]+)( ?)/y;
  nextWord.lastIndex = start;
  const valid: string[] = [];
  let candidate = '';
  let previousLength = 0;
  for (let word = nextWord.exec(text); word; word = nextWord.exec(text)) {
    const letters = word[1] ?? '';
    const continuesGroups = candidate === '' || (previousLength === 4 && letters.length <= 4);
    if (!continuesGroups || candidate.length + letters.length > 4 + MAX_BASE_LENGTH) break;
    candidate += letters.toUpperCase();
    if (isValidCreditorReference(candidate)) valid.push(candidate);
    if (word[2] !== ' ') break;
    previousLength = letters.length;
  }
  return valid;
}

function electronicForm(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}
