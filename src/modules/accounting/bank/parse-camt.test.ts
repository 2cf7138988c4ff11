import { describe, expect, it } from 'vitest';
import { parseCamt } from './parse-camt.ts';
import { StatementParseError } from './statement-parse-error.ts';

const IBAN = 'DE89370400440532013000';

type EntrySpec = {
  amount?: string;
  currency?: string;
  direction?: 'CRDT' | 'DBIT' | null;
  status?: string;
  booked?: string;
  ref?: string;
  reversal?: boolean;
  details?: string[];
};

function entry(spec: EntrySpec = {}): string {
  const {
    amount = '10.00',
    currency = 'EUR',
    direction = 'CRDT',
    status = 'BOOK',
    booked = '2024-01-15',
  } = spec;
  return `<Ntry><Amt Ccy="${currency}">${amount}</Amt>${direction ? `<CdtDbtInd>${direction}</CdtDbtInd>` : ''}
    ${spec.reversal ? '<RvslInd>true</RvslInd>' : ''}<Sts>${status}</Sts>
    <BookgDt><Dt>${booked}</Dt></BookgDt><ValDt><Dt>${booked}</Dt></ValDt>
    ${spec.ref ? `<AcctSvcrRef>${spec.ref}</AcctSvcrRef>` : ''}
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
    ${spec.details ? `<NtryDtls>${spec.details.join('')}</NtryDtls>` : ''}</Ntry>`;
}

type DetailSpec = {
  amount?: string;
  direction?: string;
  e2e?: string;
  debtor?: string;
  creditor?: string;
  debtorIban?: string;
  text?: string;
  scor?: string;
};

function detail(spec: DetailSpec): string {
  const amount = spec.amount
    ? `<Amt Ccy="EUR">${spec.amount}</Amt><CdtDbtInd>${spec.direction ?? 'CRDT'}</CdtDbtInd>`
    : '';
  return `<TxDtls><Refs>${spec.e2e ? `<EndToEndId>${spec.e2e}</EndToEndId>` : ''}</Refs>${amount}
    <RltdPties>${spec.debtor ? `<Dbtr><Nm>${spec.debtor}</Nm></Dbtr>` : ''}
      ${spec.debtorIban ? `<DbtrAcct><Id><IBAN>${spec.debtorIban}</IBAN></Id></DbtrAcct>` : ''}
      ${spec.creditor ? `<Cdtr><Nm>${spec.creditor}</Nm></Cdtr>` : ''}</RltdPties>
    <RmtInf>${spec.text ? `<Ustrd>${spec.text}</Ustrd>` : ''}
      ${spec.scor ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${spec.scor}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>
  </TxDtls>`;
}

type StatementSpec = {
  id?: string;
  opening?: string;
  closing?: string;
  version?: string;
  root?: string;
  record?: string;
};

function statement(entries: string[], spec: StatementSpec = {}): string {
  const balance = (code: string, amount: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount.replace('-', '')}</Amt>
      <CdtDbtInd>${amount.startsWith('-') ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>2024-01-15</Dt></Dt></Bal>`;
  const record = spec.record ?? 'Stmt';
  return `<${record}><Id>${spec.id ?? 'STMT-1'}</Id><CreDtTm>2024-01-16T06:00:00+01:00</CreDtTm>
    <Acct><Id><IBAN>${IBAN}</IBAN></Id><Ccy>EUR</Ccy><Svcr><FinInstnId><BIC>COBADEFFXXX</BIC></FinInstnId></Svcr></Acct>
    ${spec.opening ? balance('OPBD', spec.opening) : ''}${spec.closing ? balance('CLBD', spec.closing) : ''}
    ${entries.join('\n')}</${record}>`;
}

function camt(records: string[], spec: StatementSpec = {}): Buffer {
  const root = spec.root ?? 'BkToCstmrStmt';
  const kind = { BkToCstmrStmt: '053', BkToCstmrAcctRpt: '052', BkToCstmrDbtCdtNtfctn: '054' }[root] ?? '053';
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${kind}.001.${spec.version ?? '08'}">
<${root}><GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-01-16T06:00:00+01:00</CreDtTm></GrpHdr>
${records.join('\n')}
</${root}></Document>`);
}

const one = (entries: string[], spec: StatementSpec = {}) =>
  parseCamt(camt([statement(entries, spec)], spec));

describe('parseCamt', () => {
  it('signs credits +, debits −, and names the debtor of a credit and the creditor of a debit', () => {
    const [result] = one([
      entry({
        amount: '120.50',
        ref: 'A1',
        details: [
          detail({
            debtor: 'Acme GmbH',
            creditor: 'Us',
            debtorIban: 'GB82WEST12345698765432',
            text: 'Invoice 42',
            scor: 'RF18539007547034',
            e2e: 'E2E-1',
          }),
        ],
      }),
      entry({
        amount: '30.00',
        direction: 'DBIT',
        ref: 'A2',
        details: [detail({ debtor: 'Us', creditor: 'Power Ltd' })],
      }),
    ]);
    expect(result?.account).toEqual({ iban: IBAN, number: null, bic: 'COBADEFFXXX', currency: 'EUR' });
    expect(result?.lines).toMatchObject([
      {
        amountMinor: 12050,
        bookingDate: '2024-01-15',
        counterpartyName: 'Acme GmbH',
        counterpartyIban: 'GB82WEST12345698765432',
        remittanceText: 'Invoice 42',
        structuredReference: 'RF18539007547034',
        endToEndId: 'E2E-1',
        bankReference: 'A1',
        transactionCode: 'PMNT-RCDT-ESCT',
        duplicateKey: `${IBAN}|ref:A1`,
      },
      {
        amountMinor: -3000,
        counterpartyName: 'Power Ltd',
        counterpartyIban: null,
        duplicateKey: `${IBAN}|ref:A2`,
      },
    ]);
  });

  it('keeps a booking at 23:30 +01:00 on its own day rather than moving it to UTC', () => {
    const xml = entry({ ref: 'T' }).replace(
      '<BookgDt><Dt>2024-01-15</Dt></BookgDt>',
      '<BookgDt><DtTm>2024-12-31T23:30:00+01:00</DtTm></BookgDt>',
    );
    expect(one([xml])[0]?.lines[0]?.bookingDate).toBe('2024-12-31');
  });

  it('reads a reversal with the sign its CdtDbtInd gives, as ISO 20022 defines it', () => {
    // A returned direct debit: money comes back in, booked CRDT with RvslInd.
    const [result] = one([entry({ amount: '25.00', direction: 'CRDT', reversal: true, ref: 'R1' })]);
    expect(result?.lines[0]?.amountMinor).toBe(2500);
    expect(result?.notes).toEqual([]);
  });

  it('flips reversals when asked, or when the statement balances prove the bank repeats the original direction', () => {
    const reversal = entry({ amount: '25.00', direction: 'DBIT', reversal: true, ref: 'R1' });
    expect(
      parseCamt(camt([statement([reversal])]), { reversals: 'flip-sign' })[0]?.lines[0]?.amountMinor,
    ).toBe(2500);
    // Opening 100 + 25 = closing 125: only the flipped reading adds up.
    const [proven] = one([reversal], { opening: '100.00', closing: '125.00' });
    expect(proven?.lines[0]?.amountMinor).toBe(2500);
    expect(proven?.notes).toContain('1 reversal entries (RvslInd) were booked with the sign flipped');
    // Opening 100 − 25 = closing 75: the ISO reading adds up, even when asked to flip.
    const [iso] = parseCamt(camt([statement([reversal], { opening: '100.00', closing: '75.00' })]), {
      reversals: 'flip-sign',
    });
    expect(iso?.lines[0]?.amountMinor).toBe(-2500);
  });

  it('leaves pending and information entries out unless asked, and says how many', () => {
    const entries = [
      entry({ ref: 'B1' }),
      entry({ ref: 'P1', status: 'PDNG' }),
      entry({ ref: 'I1', status: 'INFO' }),
    ];
    const [booked] = one(entries);
    expect(booked?.lines.map((line) => line.bankReference)).toEqual(['B1']);
    expect(booked?.notes).toContain('Stmt 1: 2 entries not booked (Sts other than BOOK) were left out');
    const [all] = parseCamt(camt([statement(entries)]), { includeNotBooked: true });
    expect(all?.lines).toHaveLength(3);
  });

  it('reads the v8+ status element <Sts><Cd>BOOK</Cd></Sts> and prefixed namespaces', () => {
    const xml = camt([
      statement([entry({ ref: 'S8' }).replace('<Sts>BOOK</Sts>', '<Sts><Cd>BOOK</Cd></Sts>')]),
    ])
      .toString()
      .replace('xmlns=', 'xmlns:ns2=')
      .replace(/<(\/?)(?!\?)/g, '<$1ns2:');
    expect(parseCamt(Buffer.from(xml))[0]?.lines[0]?.bankReference).toBe('S8');
  });

  it('splits a batch into one line per transaction detail when their amounts add up to the entry', () => {
    const batch = entry({
      amount: '100.00',
      ref: 'BATCH-1',
      details: [
        detail({ amount: '60.00', debtor: 'Anna', e2e: 'INV-1' }),
        detail({ amount: '40.00', debtor: 'Ben', e2e: 'NOTPROVIDED' }),
      ],
    });
    const lines = one([batch])[0]?.lines ?? [];
    expect(lines.map((line) => [line.amountMinor, line.counterpartyName, line.endToEndId])).toEqual([
      [6000, 'Anna', 'INV-1'],
      [4000, 'Ben', null],
    ]);
    expect(lines.map((line) => line.duplicateKey)).toEqual([
      `${IBAN}|split:BATCH-1/INV-1`,
      `${IBAN}|split:BATCH-1/#2`,
    ]);
  });

  it('keeps a batch whole when its details do not add up to the entry, and says so', () => {
    const batch = entry({
      amount: '100.00',
      ref: 'B',
      details: [detail({ amount: '60.00' }), detail({ amount: '30.00' })],
    });
    const [result] = one([batch]);
    expect(result?.lines.map((line) => line.amountMinor)).toEqual([10000]);
    expect(result?.notes[0]).toMatch(/2 transaction details do not give amounts adding up/);
  });

  it('accepts zeros beyond the currency decimals, refuses real extra decimals and unknown currencies, listing every bad entry', () => {
    expect(one([entry({ amount: '8.850', ref: 'Z' })])[0]?.lines[0]?.amountMinor).toBe(885);
    const bad = camt([
      statement([
        entry({ amount: '8.855', ref: 'X1' }),
        entry({ currency: 'XYZ' }),
        entry({ direction: null }),
        entry({ booked: '2024-02-30' }),
      ]),
    ]);
    let error: StatementParseError | undefined;
    try {
      parseCamt(bad);
    } catch (caught) {
      error = caught as StatementParseError;
    }
    expect(error).toBeInstanceOf(StatementParseError);
    expect(error?.problems.map((problem) => problem.reason)).toEqual([
      'Stmt 1, Ntry 1 Amt: 8.855 EUR has 3 decimals; EUR has 2, so it cannot be booked exactly',
      'Stmt 1, Ntry 2 Amt: "XYZ" is not a known ISO 4217 currency',
      'Stmt 1, Ntry 3: CdtDbtInd must be CRDT or DBIT, got null',
      'Stmt 1, Ntry 4 BookgDt: "2024-02-30" is not a date',
    ]);
    // Each problem points at the line its Ntry starts on.
    const lines = error?.problems.map((problem) => problem.line) ?? [];
    expect(lines.every((line) => typeof line === 'number')).toBe(true);
    expect([...lines].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(lines);
  });

  it('refuses an account currency that is not ISO 4217', () => {
    const odd = camt([statement([])])
      .toString()
      .replace('<Ccy>EUR</Ccy>', '<Ccy>EURO</Ccy>');
    expect(() => parseCamt(Buffer.from(odd))).toThrow(
      'Stmt 1: Acct/Ccy "EURO" is not a known ISO 4217 currency',
    );
  });

  it('refuses a statement without Id or account, and an entry without status or amount', () => {
    const broken = camt([
      '<Stmt><Acct><Ccy>EUR</Ccy></Acct><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry><Ntry><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry></Stmt>',
    ]);
    expect(() => parseCamt(broken)).toThrow(StatementParseError);
    try {
      parseCamt(broken);
    } catch (error) {
      expect((error as StatementParseError).problems.map((problem) => problem.reason)).toEqual([
        'Stmt 1: Id is missing',
        'Stmt 1: Acct/Id (IBAN or Othr/Id) is missing',
        'Stmt 1, Ntry 1: Sts is missing',
        'Stmt 1, Ntry 2: Amt is missing',
      ]);
    }
  });

  it('refuses XML that is not well-formed with its line, a DOCTYPE, unknown versions and a root that contradicts the namespace', () => {
    const truncated = camt([statement([entry({ ref: 'A' })])])
      .toString()
      .replace('</Ntry>', '');
    expect(() => parseCamt(Buffer.from(truncated))).toThrow(/not well-formed XML/);
    try {
      parseCamt(Buffer.from(truncated));
    } catch (error) {
      expect((error as StatementParseError).line).toBeGreaterThan(1);
    }
    const doctype = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${
      camt([statement([])])
        .toString()
        .split('?>')[1]
    }`;
    expect(() => parseCamt(Buffer.from(doctype))).toThrow(/DOCTYPE/);
    expect(() => parseCamt(camt([statement([])], { version: '14' }))).toThrow(
      /versions \.001\.02 to \.001\.13/,
    );
    expect(parseCamt(camt([statement([])], { version: '13' }))).toHaveLength(1);
    const mismatch = camt([statement([])])
      .toString()
      .replace('camt.053.001', 'camt.054.001');
    expect(() => parseCamt(Buffer.from(mismatch))).toThrow(
      'The namespace says camt.054 but the message is BkToCstmrStmt (camt.053)',
    );
  });

  it('reads camt.052 reports and camt.054 notifications, dating an entry without BookgDt by its value date', () => {
    const report = parseCamt(
      camt([statement([entry({ ref: 'R' })], { record: 'Rpt' })], { root: 'BkToCstmrAcctRpt' }),
    );
    expect(report[0]?.format).toBe('camt.052');
    const undated = entry({ ref: 'N' }).replace(/<BookgDt>.*?<\/BookgDt>/, '');
    const [notification] = parseCamt(
      camt([statement([undated], { record: 'Ntfctn' })], { root: 'BkToCstmrDbtCdtNtfctn' }),
    );
    expect(notification?.format).toBe('camt.054');
    expect(notification?.lines[0]?.bookingDate).toBe('2024-01-15');
    expect(notification?.notes).toContain('Ntfctn 1, Ntry 1: no BookgDt; dated 2024-01-15 by its value date');
  });
});

describe('camt duplicate keys', () => {
  const day = (date: string, ref: string | undefined, amount = '10.00') =>
    entry({ booked: date, ref, amount });

  it('gives the same file the same keys every time', () => {
    const file = camt([statement([day('2024-01-01', 'A'), day('2024-01-01', undefined)])]);
    expect(parseCamt(file)[0]?.lines.map((line) => line.duplicateKey)).toEqual(
      parseCamt(Buffer.from(file))[0]?.lines.map((line) => line.duplicateKey),
    );
  });

  it('gives lines shared by overlapping statements the same keys, with or without bank references', () => {
    const first = one([day('2024-01-01', 'A'), day('2024-01-02', 'B'), day('2024-01-02', undefined, '7.00')]);
    const second = one(
      [day('2024-01-02', 'B'), day('2024-01-02', undefined, '7.00'), day('2024-01-03', 'C')],
      { id: 'STMT-2' },
    );
    const keysOf = (result: typeof first) => result[0]?.lines.map((line) => line.duplicateKey) ?? [];
    const shared = keysOf(first).filter((key) => keysOf(second).includes(key));
    expect(shared).toHaveLength(2);
    expect(shared[0]).toBe(`${IBAN}|ref:B`);
    expect(shared[1]).toMatch(new RegExp(`^${IBAN}\\|content:[0-9a-f]{64}$`));
  });

  it('gives identical unreferenced entries, and repeated references, distinct keys', () => {
    const lines =
      one([
        day('2024-01-01', undefined),
        day('2024-01-01', undefined),
        day('2024-01-01', 'NONREF'),
        day('2024-01-02', 'D'),
        day('2024-01-03', 'D'),
      ])[0]?.lines ?? [];
    const keys = lines.map((line) => line.duplicateKey);
    expect(new Set(keys).size).toBe(5);
    expect(keys.slice(3)).toEqual([`${IBAN}|ref:D`, `${IBAN}|ref:D#2`]);
    expect(lines[2]?.bankReference).toBeNull();
  });
});
