import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOfx } from './parse-ofx.ts';
import { StatementParseError } from './statement-parse-error.ts';

const OFX = new URL('../../../../../shared/conformance/ofx-csv-bank/ofx/', import.meta.url);
const sample = (path: string) => readFileSync(new URL(path, OFX));

function refusal(bytes: Uint8Array): StatementParseError {
  try {
    parseOfx(bytes);
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const SGML_HEADER =
  'OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n';

type TransactionSpec = { fitid?: string; date?: string; amount?: string; name?: string; extra?: string };
const transaction = ({
  fitid,
  date = '20240115120000.000[-5:EST]',
  amount = '-4.50',
  name = 'COFFEE',
  extra = '',
}: TransactionSpec) =>
  `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>${date}<TRNAMT>${amount}${fitid === undefined ? '' : `<FITID>${fitid}`}<NAME>${name}${extra}</STMTTRN>\r\n`;

function bankFile(
  transactions: string[],
  tail = '<LEDGERBAL><BALAMT>100.00<DTASOF>20240131</LEDGERBAL>',
): Buffer {
  return Buffer.from(
    `${SGML_HEADER}<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240131<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS><CURDEF>USD
<BANKACCTFROM><BANKID>121000248<ACCTID>555123<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20240101<DTEND>20240131
${transactions.join('')}</BANKTRANLIST>${tail}</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`,
    'latin1',
  );
}

describe('OFX samples (ofxparse fixtures)', () => {
  it('reads an OFX 1.0.2 checking statement: amounts, dates, names, memos, cheque numbers, balances', () => {
    const [statement] = parseOfx(sample('valid/checking.ofx'));
    expect(statement?.account).toEqual({ iban: null, number: '1452687~7', bic: null, currency: 'USD' });
    expect(statement).toMatchObject({
      fromDate: '2000-01-01',
      toDate: '2013-05-25',
      closingBalanceMinor: 10099,
      closingBalanceDate: '2013-05-25',
    });
    expect(statement?.balances.map((balance) => [balance.type, balance.amountMinor])).toEqual([
      ['LEDGERBAL', 10099],
      ['AVAILBAL', 7599],
    ]);
    expect(
      statement?.lines.map((line) => [
        line.bookingDate,
        line.amountMinor,
        line.transactionCode,
        line.checkNumber,
        line.bankReference,
      ]),
    ).toEqual([
      ['2011-03-31', 1, 'CREDIT', null, '0000486'],
      ['2011-04-05', -3451, 'DEBIT', null, '0000487'],
      ['2011-04-07', -2500, 'CHECK', '319', '0000488'],
    ]);
    expect(statement?.lines[2]).toMatchObject({
      counterpartyName: 'RETURNED CHECK FEE, CHECK # 319',
      remittanceText: 'RETURNED CHECK FEE, CHECK # 319 FOR $45.33 ON 04/07/11',
      duplicateKey: '5472369148/1452687~7|fitid:0000488',
    });
  });

  it('reads a one-line SGML file with time zones, and OFX 2 XML with CDATA and CRLF', () => {
    const [medium] = parseOfx(sample('valid/bank_medium.ofx'));
    expect(medium?.lines.map((line) => [line.bookingDate, line.amountMinor, line.counterpartyName])).toEqual([
      ['2009-04-01', -660, "MCDONALD'S #112"],
      ['2009-04-02', -31667, "Joe's Bald Hairstyles"],
      ['2009-04-03', -2200, "CONNIE'S HAIR D"],
    ]);
    expect(medium?.closingBalanceMinor).toBe(38234);
    const [suncorp] = parseOfx(sample('valid/suncorp.ofx'));
    expect(suncorp?.lines[0]).toMatchObject({
      bookingDate: '2013-12-15',
      amountMinor: -1685,
      counterpartyName: 'EFTPOS WDL HANDYWAY ALDI STORE',
      remittanceText: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
    });
  });

  it('reads a credit card statement (CCSTMTRS) whose XML header is followed by SGML-style tags', () => {
    const [card] = parseOfx(sample('valid/anzcc.ofx'));
    expect(card?.account.number).toBe('1234123412341234');
    expect(card?.lines).toMatchObject([
      { bookingDate: '2017-05-08', amountMinor: -550, currency: 'AUD', remittanceText: 'SOME MEMO' },
    ]);
    expect(card?.closingBalanceMinor).toBe(-12345);
  });

  it('reads one statement per account and a file of empty placeholder tags', () => {
    const accounts = parseOfx(sample('valid/multiple_accounts.ofx'));
    expect(
      accounts.map((statement) => [
        statement.account.number,
        statement.closingBalanceMinor,
        statement.lines.length,
      ]),
    ).toEqual([
      ['9100', 11100, 0],
      ['9200', 22200, 0],
    ]);
    const [empty] = parseOfx(sample('valid/ofx-v102-empty-tags.ofx'));
    expect(empty?.account.currency).toBeNull();
    expect(empty?.closingBalanceMinor).toBeNull();
    expect(empty?.lines).toMatchObject([
      { amountMinor: 1234, currency: 'AUD', bankReference: null, valueDate: '2018-05-07' },
    ]);
    expect(empty?.lines[0]?.duplicateKey).toMatch(/^NPBS\/12345678\|content:[0-9a-f]{64}$/);
  });

  it.each([
    ['valid/bank_small.ofx', 'The OFX file holds no bank or credit card statement'],
    [
      'valid/error_message.ofx',
      'The bank answered with an error instead of a statement: code 2000 (General Server Error)',
    ],
    ['valid/signon_fail.ofx', 'The bank refused the sign-on: code 15500'],
    ['valid/fidelity-savings.ofx', 'This is an investment statement (INVSTMTMSGSRSV1)'],
  ])('refuses %s, which holds no bank statement', (file, reason) => {
    expect(refusal(sample(file)).reason).toContain(reason);
  });

  it('refuses the malformed fixtures with every reason and line', () => {
    expect(refusal(sample('malformed/date_missing.ofx')).problems).toEqual([
      { line: 33, reason: 'DTPOSTED is missing' },
      { line: 42, reason: 'DTPOSTED is empty' },
      { line: 50, reason: 'DTPOSTED: "20120231" is not an OFX date (YYYYMMDD…)' },
    ]);
    expect(refusal(sample('malformed/decimal_error.ofx')).problems).toEqual([
      { line: 36, reason: 'DTPOSTED: "201120000000" is not an OFX date (YYYYMMDD…)' },
      { line: 37, reason: 'TRNAMT: "$120" is not a decimal amount' },
    ]);
    expect(refusal(sample('malformed/empty_balance.ofx')).problems).toEqual([
      { line: 38, reason: 'LEDGERBAL has a DTASOF but its BALAMT is empty or missing' },
      { line: 42, reason: 'AVAILBAL has a DTASOF but its BALAMT is empty or missing' },
    ]);
  });
});

describe('parseOfx', () => {
  it('decodes CHARSET:1252 text (é, ü, €) and keeps a bare ampersand', () => {
    const [statement] = parseOfx(bankFile([transaction({ fitid: '1', name: 'CAFÉ MÜLLER \x805 & CO' })]));
    expect(statement?.lines[0]?.counterpartyName).toBe('CAFÉ MÜLLER €5 & CO');
  });

  it('reads UTF-8 OFX 2 with entities, PAYEE, REFNUM, the counter account and a foreign CURRENCY', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><STMTRS><CURDEF>EUR</CURDEF>
<BANKACCTFROM><BANKID>X</BANKID><ACCTID>DE89370400440532013000</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20240101</DTSTART><DTEND>20240131</DTEND>
<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20240110</DTPOSTED><DTAVAIL>20240111</DTAVAIL><TRNAMT>12,50</TRNAMT><FITID>F1</FITID><REFNUM>RF18539007547034</REFNUM>
<PAYEE><NAME>Smith &amp; Søn</NAME></PAYEE><BANKACCTTO><BANKID>Y</BANKID><ACCTID>GB82WEST12345698765432</ACCTID></BANKACCTTO><MEMO>Invoice 7</MEMO></STMTTRN>
<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20240112</DTPOSTED><TRNAMT>-5</TRNAMT><FITID>F2</FITID><CURRENCY><CURRATE>1.1</CURRATE><CURSYM>usd</CURSYM></CURRENCY></STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>`;
    const [statement] = parseOfx(Buffer.from(xml));
    expect(statement?.account.iban).toBe('DE89370400440532013000');
    expect(statement?.lines).toMatchObject([
      {
        amountMinor: 1250,
        valueDate: '2024-01-11',
        counterpartyName: 'Smith & Søn',
        counterpartyIban: 'GB82WEST12345698765432',
        structuredReference: 'RF18539007547034',
        remittanceText: 'Invoice 7',
      },
      { amountMinor: -500, currency: 'USD' },
    ]);
  });

  it('refuses a file cut short, and amounts the currency cannot hold', () => {
    const whole = bankFile([transaction({ fitid: '1' })]).toString('latin1');
    expect(refusal(Buffer.from(whole.slice(0, whole.indexOf('</BANKTRANLIST>')))).reason).toMatch(
      /cut short/,
    );
    expect(refusal(bankFile([transaction({ fitid: '1', amount: '-4.505' })])).reason).toBe(
      'TRNAMT: -4.505 USD has 3 decimals; USD has 2, so it cannot be booked exactly',
    );
  });

  it('keys lines by FITID within the account, stable across files and overlapping periods', () => {
    const january = parseOfx(
      bankFile([
        transaction({ fitid: 'A', date: '20240110' }),
        transaction({ fitid: 'B', date: '20240120' }),
      ]),
    );
    const again = parseOfx(
      bankFile([
        transaction({ fitid: 'A', date: '20240110' }),
        transaction({ fitid: 'B', date: '20240120' }),
      ]),
    );
    const overlap = parseOfx(
      bankFile([
        transaction({ fitid: 'B', date: '20240120' }),
        transaction({ fitid: 'C', date: '20240205' }),
      ]),
    );
    const keys = (result: typeof january) => result[0]?.lines.map((line) => line.duplicateKey) ?? [];
    expect(keys(again)).toEqual(keys(january));
    expect(keys(january)).toEqual(['121000248/555123|fitid:A', '121000248/555123|fitid:B']);
    expect(keys(overlap)[0]).toBe(keys(january)[1]);
  });

  it('keys lines without FITID by content, two identical coffees staying two lines, and numbers repeated FITIDs', () => {
    const coffees = parseOfx(
      bankFile([transaction({}), transaction({}), transaction({ fitid: 'X' }), transaction({ fitid: 'X' })]),
    );
    const keys = coffees[0]?.lines.map((line) => line.duplicateKey) ?? [];
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toMatch(/\|content:/);
    expect(keys.slice(2)).toEqual(['121000248/555123|fitid:X', '121000248/555123|fitid:X#2']);
    const later = parseOfx(bankFile([transaction({}), transaction({})]));
    expect(later[0]?.lines.map((line) => line.duplicateKey)).toEqual(keys.slice(0, 2));
  });
});
