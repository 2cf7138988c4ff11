import type { CsvColumns } from './csv-mapping.ts';
import { StatementParseError } from './statement-parse-error.ts';

export type ColumnIndexes = { [K in keyof CsvColumns]?: number[] };

/**
 * The 0-based positions of the mapped columns. Header names match exactly, or else ignoring case
 * when only one header does; every name that matches nothing is reported at once.
 */
export function resolveColumns(columns: CsvColumns, header: string[] | null): ColumnIndexes {
  const resolved: ColumnIndexes = {};
  const missing: string[] = [];
  for (const [field, refs] of Object.entries(columns) as [keyof CsvColumns, CsvColumns[keyof CsvColumns]][]) {
    if (refs === undefined) continue;
    resolved[field] = (Array.isArray(refs) ? refs : [refs]).map((ref) => {
      if (typeof ref === 'number') return ref;
      const index = header === null ? -1 : headerIndex(header, ref);
      if (index < 0) missing.push(`${field}: "${ref}"`);
      return index;
    });
  }
  if (missing.length > 0) {
    throw new StatementParseError(
      `The header has no column ${missing.join(', ')}; it has ${(header ?? []).map((name) => `"${name}"`).join(', ')}`,
      1,
    );
  }
  return resolved;
}

function headerIndex(header: string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const folded = header.flatMap((cell, index) => (cell.toLowerCase() === name.toLowerCase() ? [index] : []));
  return folded.length === 1 ? (folded[0] ?? -1) : -1;
}
