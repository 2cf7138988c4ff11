// Builds a camt.053.001.08 bank-to-customer statement, as a bank would send one, for tests.

export type CamtEntry = {
  amount: string;
  direction: 'in' | 'out';
  date: string;
  reference: string;
  creditorReference?: string;
  text?: string;
  counterparty?: { name: string; iban?: string };
};

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function entry(e: CamtEntry, currency: string): string {
  const party = e.counterparty
    ? `<RltdPties><${e.direction === 'in' ? 'Dbtr' : 'Cdtr'}><Pty><Nm>${xmlEscape(e.counterparty.name)}</Nm></Pty></${e.direction === 'in' ? 'Dbtr' : 'Cdtr'}>${
        e.counterparty.iban
          ? `<${e.direction === 'in' ? 'DbtrAcct' : 'CdtrAcct'}><Id><IBAN>${e.counterparty.iban}</IBAN></Id></${e.direction === 'in' ? 'DbtrAcct' : 'CdtrAcct'}>`
          : ''
      }</RltdPties>`
    : '';
  const remittance = [
    e.text ? `<Ustrd>${xmlEscape(e.text)}</Ustrd>` : '',
    e.creditorReference
      ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${e.creditorReference}</Ref></CdtrRefInf></Strd>`
      : '',
  ].join('');
  return `<Ntry><Amt Ccy="${currency}">${e.amount}</Amt><CdtDbtInd>${e.direction === 'in' ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${e.date}</Dt></BookgDt><ValDt><Dt>${e.date}</Dt></ValDt><AcctSvcrRef>${e.reference}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><AcctSvcrRef>${e.reference}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
<Amt Ccy="${currency}">${e.amount}</Amt>${party}${remittance ? `<RmtInf>${remittance}</RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`;
}

export function camt053(options: {
  iban: string;
  currency: string;
  id: string;
  from: string;
  to: string;
  entries: CamtEntry[];
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
<GrpHdr><MsgId>${options.id}</MsgId><CreDtTm>${options.to}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${options.id}</Id><CreDtTm>${options.to}T18:00:00</CreDtTm><FrToDt><FrDtTm>${options.from}T00:00:00</FrDtTm><ToDtTm>${options.to}T23:59:59</ToDtTm></FrToDt>
<Acct><Id><IBAN>${options.iban}</IBAN></Id><Ccy>${options.currency}</Ccy></Acct>
${options.entries.map((e) => entry(e, options.currency)).join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
}
