// Units of measure by their UN/ECE Recommendation 20 common codes, which EN 16931 e-invoices
// require (BT-130). A subset: what shops, warehouses and service businesses use.
export const UNITS = {
  C62: { name: 'unit', dimension: 'count' },
  H87: { name: 'piece', dimension: 'count' },
  EA: { name: 'each', dimension: 'count' },
  PR: { name: 'pair', dimension: 'count' },
  DZN: { name: 'dozen', dimension: 'count' },
  SET: { name: 'set', dimension: 'count' },
  XBX: { name: 'box', dimension: 'count' },
  XPK: { name: 'pack', dimension: 'count' },
  XPX: { name: 'pallet', dimension: 'count' },
  KGM: { name: 'kilogram', dimension: 'mass' },
  GRM: { name: 'gram', dimension: 'mass' },
  TNE: { name: 'tonne', dimension: 'mass' },
  LTR: { name: 'litre', dimension: 'volume' },
  MLT: { name: 'millilitre', dimension: 'volume' },
  MTQ: { name: 'cubic metre', dimension: 'volume' },
  MTR: { name: 'metre', dimension: 'length' },
  CMT: { name: 'centimetre', dimension: 'length' },
  MTK: { name: 'square metre', dimension: 'area' },
  HUR: { name: 'hour', dimension: 'time' },
  MIN: { name: 'minute', dimension: 'time' },
  DAY: { name: 'day', dimension: 'time' },
  MON: { name: 'month', dimension: 'time' },
  ANN: { name: 'year', dimension: 'time' },
  KWH: { name: 'kilowatt hour', dimension: 'energy' },
} as const;

export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as [UnitCode, ...UnitCode[]];
