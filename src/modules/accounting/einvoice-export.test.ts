import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { gln } from './einvoice/test-documents.ts';
import { COMPILE_TIMEOUT_MS, fatalIds, HAS_KIT, kitValidator, xpathReader } from './einvoice/test-kit.ts';
import { type Api, companyApi, createTax, OUR_GLN } from './einvoice-api.test-support.ts';

const t = useTestApp();
const validator = kitValidator();
let api: Api;
let sale: Record<string, string>;

const FR_CUSTOMER = {
  kind: 'organisation',
  name: 'Client Français SARL',
  taxId: 'FR32123456789',
  address: { street: '1 Rue de la Paix', city: 'Paris', postalCode: '75002', countryCode: 'FR' },
};
const DE_CUSTOMER = {
  kind: 'organisation',
  name: 'Kunde GmbH',
  taxId: 'DE123456789',
  address: { street: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
};
const US_CUSTOMER = {
  kind: 'organisation',
  name: 'Acme Corp.',
  address: { street: '1 Main Street', city: 'Springfield', postalCode: '12345', countryCode: 'US' },
};

// Each customer gets a VAT id of its own (a company's parties never share one).
let partySeq = 0;
async function customer(fields: {
  name: string;
  taxId?: string | null;
  [field: string]: unknown;
}): Promise<string> {
  const seq = String(++partySeq).padStart(3, '0');
  const taxId = fields.taxId ? `${fields.taxId.slice(0, -3)}${seq}` : fields.taxId;
  const created = await api.call('POST', '/crm/parties', {
    isCustomer: true,
    ...fields,
    taxId,
    name: `${fields.name} ${seq}`,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const line = (unitPrice: string, taxCode: string, extra: object = {}) => ({
  description: `Goods under ${taxCode}`,
  quantity: '2',
  unitPrice,
  taxIds: [sale[taxCode]!],
  ...extra,
});

async function posted(body: object): Promise<{ id: string; number: string }> {
  const draft = await api.call('POST', '/accounting/invoices', {
    kind: 'customer_invoice',
    invoiceDate: '2026-03-02',
    ...body,
  });
  expect(draft.status).toBe(201);
  const done = await api.call('POST', `/accounting/invoices/${draft.body.id}/post`);
  expect(done.status).toBe(200);
  return done.body;
}

async function exported(id: string) {
  const response = await api.call('GET', `/accounting/invoices/${id}/ubl`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response;
}

type Scenario = { name: string; peppol?: boolean; make: () => Promise<{ id: string; number: string }> };

const SCENARIOS: Scenario[] = [
  {
    name: 'two VAT rates with a line discount, a freight charge and an allowance',
    make: async () =>
      posted({
        partnerId: await customer(FR_CUSTOMER),
        buyerReference: 'PO-4711',
        lines: [
          line('100.00', 'VAT20', { discountPercent: '10' }),
          line('12.35', 'VAT5.5', { quantity: '3.5', unitCode: 'KGM' }),
          { kind: 'charge', description: 'Freight', quantity: '1', unitPrice: '15.00', taxIds: [sale.VAT20] },
          {
            kind: 'allowance',
            description: 'Loyalty',
            quantity: '1',
            unitPrice: '5.00',
            taxIds: [sale.VAT20],
          },
        ],
      }),
  },
  {
    name: 'a zero-rated supply (Z)',
    make: async () => posted({ partnerId: await customer(FR_CUSTOMER), lines: [line('40.00', 'Z0')] }),
  },
  {
    name: 'an exempt supply (E) with its reason',
    make: async () => posted({ partnerId: await customer(FR_CUSTOMER), lines: [line('80.00', 'E-MED')] }),
  },
  {
    name: 'a reverse charge (AE)',
    make: async () => posted({ partnerId: await customer(DE_CUSTOMER), lines: [line('500.00', 'AE')] }),
  },
  {
    name: 'an intra-community supply (K)',
    make: async () => posted({ partnerId: await customer(DE_CUSTOMER), lines: [line('250.00', 'K')] }),
  },
  {
    name: 'an export outside the EU (G)',
    make: async () => posted({ partnerId: await customer(US_CUSTOMER), lines: [line('999.99', 'G')] }),
  },
  {
    name: 'a credit note correcting an invoice',
    make: async () => {
      const partnerId = await customer(FR_CUSTOMER);
      const original = await posted({ partnerId, buyerReference: 'PO-1', lines: [line('60.00', 'VAT20')] });
      const cancelled = await api.call('POST', `/accounting/invoices/${original.id}/cancel`, {
        reason: 'returned',
      });
      expect(cancelled.status).toBe(200);
      const notes = await api.call(
        'GET',
        `/accounting/invoices?kind=customer_credit_note&partnerId=${partnerId}`,
      );
      return notes.body.data[0];
    },
  },
  {
    name: 'a Peppol customer reached by a GLN (0088)',
    peppol: true,
    make: async () =>
      posted({
        partnerId: await customer({
          ...FR_CUSTOMER,
          peppolEndpointId: gln('376000099999'),
          peppolEndpointScheme: '0088',
        }),
        buyerReference: 'BUYER-REF-1',
        lines: [line('100.00', 'VAT20', { discountPercent: '5' }), line('10.00', 'VAT10')],
      }),
  },
  {
    name: 'a Peppol customer reached by its German VAT id (9930), credited',
    peppol: true,
    make: async () => {
      const partnerId = await customer({
        ...DE_CUSTOMER,
        peppolEndpointId: 'DE123456789',
        peppolEndpointScheme: '9930',
      });
      const original = await posted({
        partnerId,
        buyerReference: 'LEITWEG-1',
        lines: [line('300.00', 'AE')],
      });
      return posted({
        kind: 'customer_credit_note',
        partnerId,
        correctsInvoiceId: original.id,
        lines: [line('100.00', 'AE')],
      });
    },
  },
];

beforeAll(async () => {
  api = await companyApi(t.database, () => t.app);
  await createTax(api, 'sale', 'E', '0', {
    code: 'E-MED',
    exemptionReason: 'Exempt under Article 132(1)(b) of Directive 2006/112/EC',
    exemptionReasonCode: 'VATEX-EU-132-1B',
  });
  sale = await api.taxes('sale');
  await validator.warmUp(HAS_KIT ? 'all' : 'cen');
}, COMPILE_TIMEOUT_MS);

describe('exporting posted invoices as UBL e-invoices', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: passes the CEN rules${scenario.peppol ? ' and Peppol’s' : ''}`, async () => {
      const invoice = await scenario.make();
      const response = await exported(invoice.id);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.xml"`,
      );
      const xml = response.body as string;
      expect(fatalIds(await validator.validate(xml, 'cen'))).toEqual([]);
      const x = xpathReader(xml);
      expect(x.text('/*/cbc:ID')).toBe(invoice.number);
      expect(x.text('/*/cbc:CustomizationID')).toContain(scenario.peppol ? 'peppol.eu' : 'en16931:2017');
      if (scenario.peppol && HAS_KIT) expect(fatalIds(await validator.validate(xml, 'all'))).toEqual([]);
    });
  }

  it('writes what the invoice holds: discount, VAT per rate, payment and references', async () => {
    const invoice = await SCENARIOS[0]!.make();
    const full = (await api.call('GET', `/accounting/invoices/${invoice.id}`)).body;
    const x = xpathReader((await exported(invoice.id)).body as string);
    const money = (path: string) => x.text(`/*/cac:LegalMonetaryTotal/cbc:${path}`);
    expect(x.text('/*/cbc:BuyerReference')).toBe('PO-4711');
    expect(x.text('/*/cac:PaymentMeans/cbc:PaymentMeansCode')).toBe('58');
    expect(x.text('/*/cac:PaymentMeans/cbc:PaymentID')).toBe(full.creditorReference);
    expect(x.text('/*/cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID')).toBe(
      'FR7630006000011234567890189',
    );
    expect(x.text('/*/cac:AccountingSupplierParty/cac:Party/cbc:EndpointID')).toBe(OUR_GLN);
    expect(x.text('/*/cac:InvoiceLine[1]/cac:AllowanceCharge/cbc:Amount')).toBe('20.00');
    expect(x.count('/*/cac:TaxTotal/cac:TaxSubtotal')).toBe(2);
    expect(
      x.text("/*/cac:TaxTotal/cac:TaxSubtotal[cac:TaxCategory/cbc:Percent = '5.5']/cbc:TaxableAmount"),
    ).toBe('43.23');
    expect(x.text("/*/cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:Amount")).toBe('15.00');
    expect(x.text("/*/cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:Amount")).toBe('5.00');
    expect(money('LineExtensionAmount')).toBe(full.lineNet);
    expect(money('TaxExclusiveAmount')).toBe(full.net);
    expect(money('PayableAmount')).toBe(full.total);
  });

  it('names the exemption reason of an exempt supply and the invoice a credit note corrects', async () => {
    const exempt = xpathReader((await exported((await SCENARIOS[2]!.make()).id)).body as string);
    expect(exempt.text('/*/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReasonCode')).toBe(
      'VATEX-EU-132-1B',
    );
    const partnerId = await customer(FR_CUSTOMER);
    const original = await posted({ partnerId, lines: [line('60.00', 'VAT20')] });
    const note = await posted({
      kind: 'customer_credit_note',
      partnerId,
      correctsInvoiceId: original.id,
      lines: [line('10.00', 'VAT20')],
    });
    const credit = xpathReader((await exported(note.id)).body as string);
    expect(credit.count('/*:CreditNote')).toBe(1);
    expect(credit.text('/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID')).toBe(original.number);
  });
});

describe('refusing to export what would not be a valid e-invoice', () => {
  it('names the missing business terms of the seller and the buyer, writing nothing', async () => {
    const bare = await companyApi(t.database, () => t.app, false);
    const saleTaxes = await bare.taxes('sale');
    const partner = await bare.call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Nowhere Ltd',
      isCustomer: true,
    });
    const draft = await bare.call('POST', '/accounting/invoices', {
      kind: 'customer_invoice',
      partnerId: partner.body.id,
      lines: [{ description: 'x', quantity: '1', unitPrice: '10.00', taxIds: [saleTaxes.VAT20] }],
    });
    const notPosted = await bare.call('GET', `/accounting/invoices/${draft.body.id}/ubl`);
    expect(notPosted.status).toBe(409);
    expect(notPosted.body.code).toBe('accounting.invoice_not_posted');
    await bare.call('POST', `/accounting/invoices/${draft.body.id}/post`);
    const before = await databaseFingerprint(t.database);
    const refused = await bare.call('GET', `/accounting/invoices/${draft.body.id}/ubl`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('accounting.einvoice_incomplete');
    expect(refused.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'BT-31',
      'BT-35',
      'BT-37',
      'BT-40',
      'BT-55',
    ]);
    expect(refused.body.detail).toContain('Seller VAT identifier (BT-31)');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('asks a Peppol invoice for a buyer or order reference, and an intra-community one for the buyer VAT id', async () => {
    const peppol = await posted({
      partnerId: await customer({
        ...FR_CUSTOMER,
        peppolEndpointId: gln('376000088888'),
        peppolEndpointScheme: '0088',
      }),
      lines: [line('10.00', 'VAT20')],
    });
    const noReference = await api.call('GET', `/accounting/invoices/${peppol.id}/ubl`);
    expect(noReference.status).toBe(422);
    expect(noReference.body.errors).toEqual([
      expect.objectContaining({ code: 'BT-10', path: 'invoice.buyerReference' }),
    ]);
    const intraEu = await posted({
      partnerId: await customer({ ...DE_CUSTOMER, taxId: null }),
      lines: [line('10.00', 'K')],
    });
    const noVatId = await api.call('GET', `/accounting/invoices/${intraEu.id}/ubl`);
    expect(noVatId.body.errors).toEqual([expect.objectContaining({ code: 'BT-48', path: 'partner.taxId' })]);
  });

  it('does not send a supplier’s bill as our e-invoice', async () => {
    const supplier = await api.call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Supplier',
      isSupplier: true,
    });
    const draft = await api.call('POST', '/accounting/invoices', {
      kind: 'vendor_bill',
      partnerId: supplier.body.id,
      invoiceDate: '2026-03-02',
      lines: [{ description: 'x', quantity: '1', unitPrice: '10.00' }],
    });
    await api.call('POST', `/accounting/invoices/${draft.body.id}/post`);
    const refused = await api.call('GET', `/accounting/invoices/${draft.body.id}/ubl`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('accounting.einvoice_not_exportable');
  });
});
