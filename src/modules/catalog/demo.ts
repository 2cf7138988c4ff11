import type { Tx } from '../../platform/db/tx.ts';
import { newId } from '../../platform/ids.ts';
import { gs1CheckDigit } from '../../shared/gs1.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import type { CreateProductInput } from './contracts.ts';
import { catalogCategories } from './schema.ts';
import { createProduct } from './service.ts';

// 500 products of a trading company that runs shops: groceries, household goods, stationery and
// clothing (with sizes and colours), plus a few services.
const FAMILIES = [
  {
    category: 'Coffee & tea',
    valuation: 'fifo',
    unit: 'C62',
    base: [
      'Espresso beans',
      'Filter coffee',
      'Green tea',
      'Earl Grey',
      'Chai blend',
      'Decaf roast',
      'Rooibos',
      'Mocha beans',
    ],
    sizes: ['250 g', '500 g', '1 kg'],
    price: [4, 24],
  },
  {
    category: 'Bakery',
    valuation: 'fifo',
    unit: 'C62',
    base: ['Sourdough loaf', 'Croissant', 'Rye bread', 'Brioche', 'Bagel', 'Focaccia', 'Baguette', 'Muffin'],
    sizes: ['single', 'pack of 4'],
    price: [1, 9],
  },
  {
    category: 'Beverages',
    valuation: 'fifo',
    unit: 'C62',
    base: [
      'Sparkling water',
      'Orange juice',
      'Apple juice',
      'Lemonade',
      'Cola',
      'Iced tea',
      'Ginger beer',
      'Tonic water',
    ],
    sizes: ['33 cl', '1 l'],
    price: [1, 6],
  },
  {
    category: 'Household',
    valuation: 'average',
    unit: 'C62',
    base: [
      'Dish soap',
      'Sponge',
      'Laundry powder',
      'Glass cleaner',
      'Trash bags',
      'Candle',
      'Paper towels',
      'Hand soap',
    ],
    sizes: ['small', 'large'],
    price: [2, 15],
  },
  {
    category: 'Stationery',
    valuation: 'average',
    unit: 'C62',
    base: ['Notebook', 'Ballpoint pen', 'Pencil', 'Sticky notes', 'Stapler', 'Envelope', 'Marker', 'Ruler'],
    sizes: ['A5', 'A4'],
    price: [1, 12],
  },
] as const;
const CLOTHING = ['T-shirt', 'Hoodie', 'Sweater', 'Cap', 'Scarf', 'Socks', 'Apron', 'Tote bag'];
const COLOURS = ['black', 'navy', 'sand', 'forest'];
const SIZES = ['S', 'M', 'L', 'XL'];
const ADJECTIVES = [
  'Classic',
  'Organic',
  'Premium',
  'Everyday',
  'Artisan',
  'Eco',
  'Urban',
  'Heritage',
  'Nordic',
  'Sunny',
  'Golden',
  'Rustic',
  'Alpine',
  'Coastal',
];

let barcodeSeq = 0;
function demoBarcode(): string {
  // GS1 prefix 200–299 is for in-store numbering: never a real retail product.
  const data = `2${String(100_000_000_00 + barcodeSeq++).padStart(11, '0')}`;
  return `${data}${gs1CheckDigit(data)}`;
}

function price(rng: ReturnType<typeof seededRandom>, [min, max]: readonly [number, number]): string {
  return (rng.int(min * 100, max * 100) / 100).toFixed(2);
}

export async function loadCatalogDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const rng = seededRandom(7);
  barcodeSeq = 0;
  const categories = new Map<string, string>();
  for (const name of [...FAMILIES.map((f) => f.category), 'Clothing', 'Services']) {
    const id = newId();
    const valuation = FAMILIES.find((f) => f.category === name)?.valuation ?? 'average';
    await tx.db.insert(catalogCategories).values({ companyId: tx.ctx.companyId, id, name, valuation });
    categories.set(name, id);
  }
  const currencyCode = 'EUR';
  const products: CreateProductInput[] = [];
  let sku = 1000;
  while (products.length < 440) {
    const family = FAMILIES[products.length % FAMILIES.length]!;
    const name = `${rng.pick(ADJECTIVES)} ${rng.pick(family.base)}`;
    if (products.some((p) => p.name === name)) continue;
    const salePrice = price(rng, family.price);
    products.push({
      name,
      kind: 'stockable',
      categoryId: categories.get(family.category)!,
      unitCode: family.unit,
      taxCategory: family.category === 'Bakery' ? 'reduced' : 'standard',
      currencyCode,
      salePrice,
      costPrice: (Number(salePrice) * 0.55).toFixed(2),
      variants: family.sizes.map((size) => ({
        sku: `SKU-${sku++}`,
        barcode: demoBarcode(),
        options: { size },
      })),
    });
  }
  for (const garment of CLOTHING) {
    for (const adjective of ADJECTIVES.slice(0, 7)) {
      const salePrice = price(rng, [9, 60]);
      products.push({
        name: `${adjective} ${garment}`,
        kind: 'stockable',
        categoryId: categories.get('Clothing')!,
        unitCode: 'C62',
        taxCategory: 'standard',
        currencyCode,
        salePrice,
        costPrice: (Number(salePrice) * 0.4).toFixed(2),
        variants: COLOURS.slice(0, 2).flatMap((colour) =>
          SIZES.map((size) => ({ sku: `SKU-${sku++}`, barcode: demoBarcode(), options: { colour, size } })),
        ),
      });
    }
  }
  for (const service of ['Gift wrapping', 'Local delivery', 'Alterations', 'Coffee tasting workshop']) {
    products.push({
      name: service,
      kind: 'service',
      categoryId: categories.get('Services')!,
      unitCode: service.includes('workshop') ? 'HUR' : 'C62',
      taxCategory: 'standard',
      currencyCode,
      salePrice: price(rng, [3, 45]),
      variants: [{ sku: `SRV-${sku++}`, options: {} }],
    });
  }
  for (const product of products) await createProduct(tx, product);
  progress(`catalog: ${products.length} products in ${categories.size} categories`);
}
