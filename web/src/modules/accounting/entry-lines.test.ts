import { PostEntryRequest } from '@shared/accounting/entry.ts';
import { describe, expect, it } from 'vitest';
import {
  balancingLine,
  blankLine,
  entryRequest,
  errorsByLine,
  isBalanced,
  type LineDraft,
  totalsOf,
} from './entry-lines';

const ACCOUNT = '0190a3a0-0000-7000-8000-000000000001';
const OTHER = '0190a3a0-0000-7000-8000-000000000002';
const header = {
  journalId: '0190a3a0-0000-7000-8000-0000000000aa',
  date: '2026-03-15',
  description: 'Rent',
  reference: '',
};
const line = (patch: Partial<LineDraft>) => blankLine({ accountId: ACCOUNT, ...patch });

describe('the lines of an entry being typed', () => {
  it('sums debits and credits exactly, in minor units', () => {
    const lines = [line({ debit: '0.10' }), line({ debit: '0.20' }), line({ credit: '0.30' })];
    const totals = totalsOf(lines, 'EUR');
    expect(totals).toMatchObject({ debitMinor: 30, creditMinor: 30, lineCount: 3 });
    expect(isBalanced(totals)).toBe(true);
  });

  it('is not ready to post while unbalanced, empty, one-sided or with an unreadable amount', () => {
    expect(isBalanced(totalsOf([line({ debit: '10' }), line({ credit: '9.99' })], 'EUR'))).toBe(false);
    expect(isBalanced(totalsOf([blankLine(), blankLine()], 'EUR'))).toBe(false);
    expect(isBalanced(totalsOf([line({ debit: '10', credit: '10' })], 'EUR'))).toBe(false);
    const unreadable = totalsOf(
      [line({ debit: '10' }), line({ credit: '10' }), line({ key: 'x', debit: 'ten' })],
      'EUR',
    );
    expect(unreadable.invalid.get('x.debit')).toBe('not_a_number');
    expect(isBalanced(unreadable)).toBe(false);
    expect(totalsOf([line({ key: 'y', credit: '1.234' })], 'EUR').invalid.get('y.credit')).toBe(
      'too_many_decimals',
    );
  });

  it('offers what is missing to balance on the side that lacks it', () => {
    expect(balancingLine([line({ debit: '100' }), line({ credit: '40' })], 'EUR')).toMatchObject({
      credit: '60.00',
      debit: '',
    });
    expect(balancingLine([line({ credit: '1234.5' })], 'EUR')).toMatchObject({
      debit: '1,234.50',
      credit: '',
    });
    expect(balancingLine([line({ debit: '5' }), line({ credit: '5' })], 'EUR')).toMatchObject({
      debit: '',
      credit: '',
    });
  });

  it('sends the typed lines in the API’s own shape, blank lines left out', () => {
    const lines = [
      line({ key: 'a', debit: '1,000.5' }),
      blankLine(),
      line({ key: 'c', accountId: OTHER, credit: '1000.50', description: ' x ' }),
    ];
    const request = entryRequest(header, lines, 'EUR');
    expect(request.keys).toEqual(['a', 'c']);
    expect(request.body.lines).toEqual([
      { accountId: ACCOUNT, debit: '1000.50', credit: undefined, partnerId: null, description: null },
      { accountId: OTHER, debit: undefined, credit: '1000.50', partnerId: null, description: 'x' },
    ]);
    expect(request.body.reference).toBeNull();
    expect(PostEntryRequest.safeParse(request.body).success).toBe(true);
  });

  it('lets the API’s schema refuse a line without its account, beside that line', () => {
    const request = entryRequest(
      header,
      [line({ key: 'a', debit: '5' }), blankLine({ key: 'b', credit: '5' })],
      'EUR',
    );
    const parsed = PostEntryRequest.safeParse(request.body);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(errorsByLine(Object.fromEntries(paths.map((p) => [p, 'bad'])), request.keys)).toEqual({
      'lines.b.accountId': 'bad',
    });
  });

  it('puts the server’s line errors beside the line that was sent at that index', () => {
    const errors = { 'lines.1.partnerId': 'name the partner', date: 'locked', 'lines.9.debit': 'unknown' };
    expect(errorsByLine(errors, ['a', 'c'])).toEqual({
      'lines.c.partnerId': 'name the partner',
      date: 'locked',
      'lines.9.debit': 'unknown',
    });
  });
});
