import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCamt } from './parse-camt.ts';
import { StatementParseError } from './statement-parse-error.ts';

// genkgo/camt's serialisation of what it read from each sample: our parse must agree where the two
// overlap. Its JSON writes "__RECURSIVITY__" where an object was already printed, so lookups skip
// markers instead of failing.
const CAMT = new URL('../../../../../shared/conformance/iso20022-camt/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(`samples/${name}`, CAMT));
const expectedNames = readdirSync(new URL('expected-genkgo-json/', CAMT)).map((file) =>
  file.replace(/\.json$/, ''),
);

type Json = unknown;
function at(value: Json, ...path: string[]): Json {
  let current = value;
  for (const key of path) {
    current =
      current !== null && typeof current === 'object' ? (current as Record<string, Json>)[key] : undefined;
  }
  return current;
}
const str = (value: Json): string | null =>
  typeof value === 'string' && value !== '__RECURSIVITY__' ? value : null;
const list = (value: Json): Json[] => (Array.isArray(value) ? value : []);
const day = (value: Json): string | null => str(at(value, '0'))?.slice(0, 10) ?? null;

function partyName(detail: Json, types: string[]): { name: string | null; account: string | null } {
  for (const type of types) {
    const party = list(at(detail, 'getRelatedParties')).find(
      (item) => str(at(item, 'getRelatedPartyType', '__CLASS__')) === `Genkgo\\Camt\\DTO\\${type}`,
    );
    if (party) {
      return {
        name: str(at(party, 'getRelatedPartyType', 'getName')),
        account: str(at(party, 'getAccount', 'getIdentification')),
      };
    }
  }
  return { name: null, account: null };
}

// genkgo's names for ISO balance codes; it reads PRCD (previously closed booked) as an opening too.
const BALANCE_TYPES: Record<string, string[]> = {
  opening: ['OPBD', 'PRCD'],
  closing: ['CLBD'],
  opening_available: ['OPAV'],
  closing_available: ['CLAV'],
  forward_available: ['FWAV'],
  information: ['INFO'],
  interim_available: ['ITAV'],
  interim_booked: ['ITBD'],
};

describe('camt samples against genkgo/camt', () => {
  it.each(expectedNames)('%s: entries agree on amount, dates, references and parties', (name) => {
    const expected = JSON.parse(
      readFileSync(new URL(`expected-genkgo-json/${name}.json`, CAMT), 'utf8'),
    ) as Json;
    const statements = parseCamt(sample(`${name}.xml`));
    for (const entry of list(at(expected, 'getEntries'))) {
      const statement = statements.find((item) => item.statementId === str(at(entry, 'getRecord', 'getId')));
      const line = statement?.lines[Number(at(entry, 'getIndex'))];
      if (!statement || !line)
        throw new Error(`${name}: no line for entry ${JSON.stringify(at(entry, 'getIndex'))}`);
      expect(line.amountMinor).toBe(Number(at(entry, 'getAmount', 'getAmount')));
      expect(line.currency).toBe(str(at(entry, 'getAmount', 'getCurrency', 'getCode')));
      const booked = day(at(entry, 'getBookingDate'));
      if (booked) expect(line.bookingDate).toBe(booked);
      else expect(statement.notes.join('\n')).toMatch(/no BookgDt/);
      expect(line.valueDate).toBe(day(at(entry, 'getValueDate')));
      const servicerRef = str(at(entry, 'getAccountServicerReference'));
      if (servicerRef) expect(line.bankReference).toBe(servicerRef);
      const details = list(at(entry, 'getTransactionDetails'));
      if (details.length === 1) compareDetail(at(entry, 'getTransactionDetail'), line, line.amountMinor > 0);
      compareBalances(at(entry, 'getRecord', 'getBalances'), statement.balances);
    }
  });

  function compareDetail(
    detail: Json,
    line: ReturnType<typeof parseCamt>[number]['lines'][number],
    isCredit: boolean,
  ) {
    const party = partyName(
      detail,
      isCredit ? ['Debtor', 'UltimateDebtor'] : ['Creditor', 'UltimateCreditor'],
    );
    expect(line.counterpartyName).toBe(party.name);
    expect(line.counterpartyIban).toBe(party.account);
    expect(line.endToEndId).toBe(str(at(detail, 'getReference', 'getEndToEndId')));
    const unstructured = str(at(detail, 'getRemittanceInformation', 'getUnstructuredBlock', 'getMessage'));
    if (unstructured) expect(line.remittanceText?.startsWith(unstructured)).toBe(true);
    const creditorRef =
      str(
        at(
          detail,
          'getRemittanceInformation',
          'getStructuredBlock',
          'getCreditorReferenceInformation',
          'getRef',
        ),
      ) ?? str(at(detail, 'getRemittanceInformation', 'getCreditorReferenceInformation', 'getRef'));
    if (creditorRef) expect(line.structuredReference).toBe(creditorRef);
  }

  function compareBalances(expected: Json, balances: ReturnType<typeof parseCamt>[number]['balances']) {
    const wanted = list(expected);
    expect(balances).toHaveLength(wanted.length);
    wanted.forEach((balance, index) => {
      const ours = balances[index];
      expect(ours?.amountMinor).toBe(Number(at(balance, 'getAmount', 'getAmount')));
      expect(ours?.currency).toBe(str(at(balance, 'getAmount', 'getCurrency', 'getCode')));
      expect(ours?.date).toBe(day(at(balance, 'getDate')));
      const types = BALANCE_TYPES[str(at(balance, 'getType')) ?? ''];
      if (types) expect(types).toContain(ours?.type);
    });
  }

  it('reads the statement facts genkgo does not print per entry', () => {
    const [multiFirst, multiSecond] = parseCamt(sample('camt053.v2.multi.statement.xml'));
    expect(multiFirst).toMatchObject({
      statementId: '253EURNL26VAYB8060476890',
      openingBalanceMinor: 1815,
      closingBalanceMinor: 2700,
    });
    expect(multiSecond).toMatchObject({
      statementId: '254EURNL26VAYB8060476890',
      openingBalanceMinor: 2700,
      closingBalanceMinor: 2000,
    });
    expect(multiFirst?.account).toEqual({
      iban: 'NL26VAYB8060476890',
      number: null,
      bic: null,
      currency: 'EUR',
    });
    expect(multiFirst?.fromDate).toBe('2007-10-18');
    const [onlyDate] = parseCamt(sample('camt53.only-Dt-with-DtTm.xml'));
    expect(onlyDate).toMatchObject({
      openingBalanceMinor: 544209,
      openingBalanceDate: '2025-07-23',
      lines: [],
    });
    expect(onlyDate?.account.currency).toBe('RON');
    const [v3] = parseCamt(sample('camt053.v3.xml'));
    expect(v3?.account).toEqual({
      iban: 'NL26VAYB8060476890',
      number: 'NL26VAYB8060476890',
      bic: 'KREDBEBB',
      currency: 'EUR',
    });
    const [v4] = parseCamt(sample('camt054.v4.xml'));
    expect(v4?.account).toMatchObject({ iban: 'CH2801234000123456789', bic: 'UBSWCHZH80A' });
  });

  it('keeps a balance in another currency than the account out of opening/closing, and says so', () => {
    const [statement] = parseCamt(sample('camt053.v2.minimal.xml'));
    expect(statement?.openingBalanceMinor).toBe(1815);
    expect(statement?.closingBalanceMinor).toBeNull();
    expect(statement?.balances.find((balance) => balance.type === 'CLBD')).toMatchObject({
      amountMinor: -2700,
      currency: 'SEK',
    });
    expect(statement?.notes).toContain("Stmt 1: the CLBD balance is in SEK, not the account's EUR");
  });

  it('reads every version namespace of the samples (02, 03, 04, 08)', () => {
    const versions = ['camt053.v2.minimal.xml', 'camt053.v3.xml', 'camt053.v4.xml', 'camt053.v8.xml'];
    for (const file of versions) expect(parseCamt(sample(file))[0]?.lines[0]?.amountMinor).toBe(885);
  });

  it('refuses camt053.v2.wrong.xml, whose statement element is missing', () => {
    expect(() => parseCamt(sample('camt053.v2.wrong.xml'))).toThrow(StatementParseError);
    expect(() => parseCamt(sample('camt053.v2.wrong.xml'))).toThrow('BkToCstmrStmt has no Stmt');
  });
});
