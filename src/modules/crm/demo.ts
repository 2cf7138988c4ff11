import type { Tx } from '../../platform/db/tx.ts';
import type { CreatePartyInput } from './contracts.ts';
import { createParty } from './service.ts';

// A small, plausible customer and supplier base for the demo company.
const ORGANISATIONS: [string, 'customer' | 'supplier' | 'both', string][] = [
  ['Brasserie du Port', 'customer', 'FR40123456824'],
  ['Northwind Traders', 'both', 'GB123456789'],
  ['Café Lumière', 'customer', 'FR83404833048'],
  ['Hoffmann Logistik GmbH', 'supplier', 'DE136695976'],
  ['Atelier Verde', 'customer', 'IT00743110157'],
  ['Nordic Paper AB', 'supplier', 'SE556000016701'],
  ['Green Valley Farms', 'supplier', 'NL004495445B01'],
  ['Blue Harbour Hotel', 'customer', 'ES12345678Z'],
  ['Rossi & Figli S.r.l.', 'both', 'IT01234567897'],
  ['Oak & Iron Furniture', 'customer', 'BE0417497106'],
  ['Kasper Electronics', 'supplier', 'PL5260250274'],
  ['Sunrise Bakery', 'customer', 'IE6388047V'],
];

const PEOPLE = [
  'Amelia Hart',
  'Jonas Becker',
  'Chloé Martin',
  'Luca Bianchi',
  'Sofia Nowak',
  'Noah Jensen',
  'Mia Svensson',
  'Oliver Dubois',
];

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '.');
}

export async function loadCrmDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const inputs: CreatePartyInput[] = [
    ...ORGANISATIONS.map(([name, role, taxId]) => ({
      kind: 'organisation' as const,
      name,
      isCustomer: role !== 'supplier',
      isSupplier: role !== 'customer',
      email: `accounts@${slug(name).replaceAll('.', '-')}.example`,
      phone: null,
      taxId,
      notes: null,
    })),
    ...PEOPLE.map((name) => ({
      kind: 'person' as const,
      name,
      isCustomer: true,
      isSupplier: false,
      email: `${slug(name)}@mail.example`,
      phone: null,
      taxId: null,
      notes: null,
    })),
  ];
  for (const input of inputs) await createParty(tx, input);
  progress(`crm: ${inputs.length} customers and suppliers`);
}
