// The inventory module's public face: other modules import only from here.
export type { Location, Move, MoveInput, Reservation, StockLevel, Warehouse } from './contracts.ts';
export { MovePosted, ValuationChanged } from './events.ts';
export { createLocation, createWarehouse, listWarehouses, virtualLocations } from './service/locations.ts';
export { postMoves, reverseMove } from './service/moves.ts';
export { releaseReservation, reserve, stockLevels } from './service/stock.ts';
