// The point of sale's public face: other modules import only from here.
export type { Register, Sale, Shift } from './contracts.ts';
export { CashMoved, SaleCompleted, ShiftClosed } from './events.ts';
