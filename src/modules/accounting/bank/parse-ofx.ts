import { assertFileSize, assertLineCount } from './limits.ts';
import { readOfxDocument } from './ofx-header.ts';
import { readOfxStatement } from './ofx-statement.ts';
import { type OfxElement, ofxChild, ofxChildren, ofxValue, readOfxTree } from './ofx-tree.ts';
import type { ParsedStatement } from './statement.ts';
import { finishStatements } from './statement-draft.ts';
import { ProblemList, StatementParseError } from './statement-parse-error.ts';

// Where statements sit: bank accounts and credit cards, each in its transaction wrapper.
const STATEMENT_PATHS = [
  { messages: 'BANKMSGSRSV1', wrapper: 'STMTTRNRS', statement: 'STMTRS' },
  { messages: 'CREDITCARDMSGSRSV1', wrapper: 'CCSTMTTRNRS', statement: 'CCSTMTRS' },
] as const;

/**
 * Reads an OFX 1.x (SGML) or 2.x (XML) file into one ParsedStatement per bank or credit card
 * statement in it. Sign-on failures, server errors and files without a statement are refused.
 */
export function parseOfx(bytes: Uint8Array): ParsedStatement[] {
  assertFileSize(bytes);
  const document = readOfxDocument(bytes);
  const ofx = ofxChild(readOfxTree(document.body, document.bodyLine), 'OFX');
  if (ofx === undefined) throw new StatementParseError('The file has no <OFX> element');
  assertSignedOn(ofx);
  const statements = findStatements(ofx);
  const transactionCount = statements.reduce(
    (count, statement) => count + ofxChildren(ofxChild(statement, 'BANKTRANLIST'), 'STMTTRN').length,
    0,
  );
  assertLineCount(transactionCount, 'transactions');
  const problems = new ProblemList();
  const drafts = statements.map((statement) => readOfxStatement(statement, problems));
  problems.throwIfAny('The OFX file cannot be read');
  for (const draft of drafts) draft.notes.unshift(...document.notes);
  return finishStatements(drafts);
}

function assertSignedOn(ofx: OfxElement): void {
  const status = ofxChild(ofx, 'SIGNONMSGSRSV1', 'SONRS', 'STATUS');
  if (status && isError(status)) {
    throw new StatementParseError(`The bank refused the sign-on: ${describeStatus(status)}`, status.line);
  }
}

function findStatements(ofx: OfxElement): OfxElement[] {
  const statements: OfxElement[] = [];
  const failures: string[] = [];
  for (const path of STATEMENT_PATHS) {
    for (const wrapper of ofxChildren(ofxChild(ofx, path.messages), path.wrapper)) {
      // One statement per wrapper is the standard; some converters put several in one.
      const found = ofxChildren(wrapper, path.statement);
      const status = ofxChild(wrapper, 'STATUS');
      statements.push(...found);
      if (found.length === 0 && status && isError(status)) failures.push(describeStatus(status));
    }
  }
  if (statements.length > 0) return statements;
  if (failures.length > 0)
    throw new StatementParseError(
      `The bank answered with an error instead of a statement: ${failures.join('; ')}`,
    );
  if (ofxChild(ofx, 'INVSTMTMSGSRSV1')) {
    throw new StatementParseError(
      'This is an investment statement (INVSTMTMSGSRSV1); only bank and credit card statements are read',
    );
  }
  throw new StatementParseError('The OFX file holds no bank or credit card statement');
}

// SEVERITY says it; a status without one is an error when its CODE is not 0 (success). Non-zero
// codes with INFO or WARN severity are notices, not failures.
function isError(status: OfxElement): boolean {
  const severity = ofxValue(status, 'SEVERITY')?.toUpperCase() ?? null;
  const code = ofxValue(status, 'CODE');
  return severity === 'ERROR' || (severity === null && code !== null && code !== '0');
}

function describeStatus(status: OfxElement): string {
  const message = ofxValue(status, 'MESSAGE');
  return `code ${ofxValue(status, 'CODE') ?? '?'}${message ? ` (${message})` : ''}`;
}
