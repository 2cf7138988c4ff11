// Test support (not used at runtime): the conformance kit beside the repository
// (../shared/conformance/einvoice, see its README), one validator per test file with both rule
// layers, and an independent XPath reader for checking what the code under test read or wrote.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS from 'saxon-js';
import { UBL_NS } from './ubl-names.ts';
import { createEn16931Validator, type ValidationResult } from './validate.ts';

export const KIT_DIR = fileURLToPath(new URL('../../../../../shared/conformance/einvoice/', import.meta.url));
export const HAS_KIT = existsSync(path.join(KIT_DIR, 'xslt', 'PEPPOL-EN16931-UBL.xslt'));
export const PEPPOL_XSLT = path.join(KIT_DIR, 'xslt', 'PEPPOL-EN16931-UBL.xslt');

// Compiled stylesheets survive between runs here; the first run compiles them (about a minute).
export const SEF_CACHE_DIR = path.join(os.tmpdir(), 'tandem-einvoice-sef');
export const COMPILE_TIMEOUT_MS = 300_000;

export function kitValidator() {
  return createEn16931Validator({ cacheDir: SEF_CACHE_DIR, peppolXsltPath: HAS_KIT ? PEPPOL_XSLT : null });
}

export type Example = { name: string; xml: string };

export function examples(kind: 'valid' | 'invalid'): Example[] {
  if (!HAS_KIT) return [];
  const dir = path.join(KIT_DIR, 'examples', kind);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, xml: readFileSync(path.join(dir, name), 'utf8') }));
}

/** Peppol examples and the CEN BIS3_* ones pass CEN + Peppol; the rest CEN only (kit README). */
export function passesAllRules(name: string): boolean {
  return name.startsWith('peppol-') || name.startsWith('cen-BIS3_');
}

/** SOURCES.md's table of derived files: "| file | made from | edit | BR-CO-10, BR-CO-13 |". */
export function expectedRuleIds(): Map<string, string[]> {
  if (!HAS_KIT) return new Map();
  const sources = readFileSync(path.join(KIT_DIR, 'SOURCES.md'), 'utf8');
  const rows = sources.split('\n').filter((row) => row.startsWith('| derived-'));
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      return [cells[1]!, cells[4]!.split(',').map((id) => id.trim())];
    }),
  );
}

/** The kit README: valid EN 16931 that the newer Peppol rules reject (PEPPOL-COMMON-R049). */
export function peppolRejects(name: string): boolean {
  return /Max_content|Min_content_with_VAT/.test(name);
}

export function fatalIds(result: ValidationResult): string[] {
  return [...new Set(result.failures.filter((f) => f.flag !== 'warning').map((f) => f.id))].sort();
}

const NAMESPACES = { cac: UBL_NS.cac, cbc: UBL_NS.cbc };

/** XPath over a document, read by SaxonJS rather than by the code under test. */
export function xpathReader(xml: string) {
  const doc = SaxonJS.getPlatform().parseXmlFromString(xml);
  const evaluate = (expression: string, context: unknown = doc) =>
    SaxonJS.XPath.evaluate(expression, context, { namespaceContext: NAMESPACES });
  return {
    /** The string value of `expression`, or null when it is empty. */
    text(expression: string, context?: unknown): string | null {
      const value = String(evaluate(`normalize-space(string((${expression})[1]))`, context));
      return value === '' ? null : value;
    },
    nodes(expression: string, context?: unknown): unknown[] {
      return SaxonJS.XPath.evaluate(expression, context ?? doc, {
        namespaceContext: NAMESPACES,
        resultForm: 'array',
      }) as unknown[];
    },
    count(expression: string): number {
      return Number(evaluate(`count(${expression})`));
    },
  };
}
