import { negateMinor } from './amounts.ts';
import { readCamtMessage } from './camt-message.ts';
import { readRecord } from './camt-record.ts';
import { assertFileSize, assertLineCount } from './limits.ts';
import type { ParsedStatement } from './statement.ts';
import { finishStatements, type StatementDraft } from './statement-draft.ts';
import { ProblemList } from './statement-parse-error.ts';
import { children } from './xml-node.ts';

export type CamtOptions = {
  // Pending (PDNG) and information-only (INFO) entries are left out unless asked for.
  includeNotBooked?: boolean;
  // ISO 20022 says CdtDbtInd is the direction of the reversal entry itself; some banks instead
  // repeat the original's direction. 'as-booked' (the default) follows ISO, 'flip-sign' those
  // banks. When the statement's balances show which one adds up, that one is used either way.
  reversals?: 'as-booked' | 'flip-sign';
};

/**
 * Reads a camt.053 statement, camt.052 report or camt.054 notification (versions .001.02 to
 * .001.13) into one ParsedStatement per Stmt/Rpt/Ntfctn. Every problem found is reported at once.
 */
export function parseCamt(bytes: Uint8Array, options: CamtOptions = {}): ParsedStatement[] {
  assertFileSize(bytes);
  const message = readCamtMessage(bytes);
  assertLineCount(message.entryLines.length, 'entries');
  const problems = new ProblemList();
  let firstEntryIndex = 0;
  const drafts = message.records.map((record, index) => {
    const draft = readRecord(record, {
      format: message.format,
      index,
      groupHeader: message.groupHeader,
      entryLines: message.entryLines,
      firstEntryIndex,
      includeNotBooked: options.includeNotBooked ?? false,
      problems,
    });
    firstEntryIndex += children(record, 'Ntry').length;
    return draft;
  });
  problems.throwIfAny(`The ${message.format} file cannot be read`);
  for (const draft of drafts) applyReversalConvention(draft, options.reversals ?? 'as-booked');
  return finishStatements(drafts);
}

function applyReversalConvention(draft: StatementDraft, requested: 'as-booked' | 'flip-sign'): void {
  const reversals = draft.lines.filter((line) => line.reversal);
  if (reversals.length === 0) return;
  const convention = conventionByBalances(draft) ?? requested;
  if (convention === 'as-booked') return;
  for (const line of reversals) line.amountMinor = negateMinor(line.amountMinor);
  draft.notes.push(`${reversals.length} reversal entries (RvslInd) were booked with the sign flipped`);
}

// Which reading of RvslInd makes opening + lines = closing, when exactly one does.
function conventionByBalances(draft: StatementDraft): 'as-booked' | 'flip-sign' | null {
  const { openingBalanceMinor: opening, closingBalanceMinor: closing } = draft;
  if (opening === null || closing === null) return null;
  if (draft.lines.some((line) => line.currency !== draft.account.currency)) return null;
  const asBooked = draft.lines.reduce((sum, line) => sum + line.amountMinor, opening);
  const flipped = draft.lines.reduce(
    (sum, line) => sum + (line.reversal ? -line.amountMinor : line.amountMinor),
    opening,
  );
  if (asBooked === closing && flipped !== closing) return 'as-booked';
  if (flipped === closing && asBooked !== closing) return 'flip-sign';
  return null;
}
