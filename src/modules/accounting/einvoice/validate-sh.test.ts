import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeTotals } from './document-totals.ts';
import { draft } from './test-documents.ts';
import { HAS_KIT, KIT_DIR } from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';

// The kit's own script, as a second opinion on the in-process validator. On first use it installs
// xslt3 from the npm registry into its cache and compiles both stylesheets (a few minutes).
describe.skipIf(!HAS_KIT)("the conformance kit's validate.sh", () => {
  it('finds no fatal assert in an exported Peppol invoice', (context) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-einvoice-'));
    try {
      const file = path.join(dir, 'invoice.xml');
      writeFileSync(file, invoiceToUbl(computeTotals(draft()), { profile: 'peppol' }));
      const run = spawnSync('bash', [path.join(KIT_DIR, 'validate.sh'), '-r', 'all', file], {
        encoding: 'utf8',
      });
      if (!run.stdout.includes('SUMMARY') && run.stderr.includes('installing xslt3')) {
        console.warn(
          `validate.sh could not install xslt3 (no npm registry?), skipped:\n${run.stderr.slice(-2000)}`,
        );
        context.skip();
      }
      expect(run.stdout).toMatch(/SUMMARY invoice\.xml: fatal=0 warning=0 other=0 -> VALID/);
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
