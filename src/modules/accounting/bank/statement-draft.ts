import { contentKeys, uniqueKeys } from './duplicate-key.ts';
import type { ParsedStatement, StatementLine } from './statement.ts';

// A line before its duplicate key is known: `keyBasis` is the bank's reference it will be built
// from (null: build it from the content), `reversal` whether the bank marked it as a reversal.
export type LineDraft = Omit<StatementLine, 'duplicateKey'> & { keyBasis: string | null; reversal: boolean };

// `accountKey` prefixes the keys: a reference is only unique within its account.
export type StatementDraft = Omit<ParsedStatement, 'lines'> & { lines: LineDraft[]; accountKey: string };

/**
 * Keys are made per file: the bank's reference prefixed by the account when there is one, else a
 * content key counted per account; then repeats within the file are numbered (#2, #3, …).
 */
export function finishStatements(drafts: StatementDraft[]): ParsedStatement[] {
  const all = drafts.flatMap((draft) => draft.lines.map((line) => ({ line, accountKey: draft.accountKey })));
  const unreferenced = all.filter(({ line }) => line.keyBasis === null);
  const hashes = contentKeys(unreferenced.map(({ line, accountKey }) => ({ ...line, scope: accountKey })));
  const contentKeyOf = new Map(unreferenced.map(({ line }, index) => [line, hashes[index]]));
  const keys = uniqueKeys(
    all.map(({ line, accountKey }) =>
      line.keyBasis === null
        ? `${accountKey}|content:${contentKeyOf.get(line)}`
        : `${accountKey}|${line.keyBasis}`,
    ),
  );
  let next = 0;
  return drafts.map(({ accountKey: _accountKey, lines, ...statement }) => ({
    ...statement,
    lines: lines.map(
      ({ keyBasis: _keyBasis, reversal: _reversal, ...line }): StatementLine => ({
        ...line,
        duplicateKey: keys[next++] ?? '',
      }),
    ),
  }));
}
