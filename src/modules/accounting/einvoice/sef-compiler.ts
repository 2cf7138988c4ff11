// Compiles an XSLT stylesheet to a SaxonJS stylesheet export file (SEF) in-process, with the XX
// compiler that saxon-js carries (the one the xslt3 command line runs), and caches the SEF on
// disk under a hash of the stylesheet and the SaxonJS version. Compiling the CEN rules takes
// 20-50 s; loading the cached SEF about 0.1 s.

import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS, { type SefNode } from 'saxon-js';

// A compile that has held its lock this long has died; another process may take over.
const STALE_LOCK_MS = 10 * 60_000;
const LOCK_POLL_MS = 500;

// SaxonJS refuses a SEF without the checksum (the "Σ" property) the xslt3 command line adds on
// export. It folds every node's kind, property names and values, in document order.
const CHECKSUM_KEY = 'Σ';
const UNSUMMED_KEYS = new Set(['N', 'C', 'ELAB', 'PUSH', 'parentNode', CHECKSUM_KEY]);

function fold(text: unknown, seed: number): number {
  let hash = seed << 8;
  if (typeof text !== 'string') return hash;
  for (let i = 0; i < text.length; i++) hash = (hash << 1) + text.charCodeAt(i);
  return hash;
}

/** Adds the checksum SaxonJS verifies when it loads a SEF. */
export function sealSef(root: SefNode): SefNode {
  let sum = 0;
  let index = 0;
  const visit = (sef: SefNode) => {
    sum ^= fold(sef.N, index) ^ fold('http://ns.saxonica.com/xslt/export', index);
    index++;
    for (const [key, value] of Object.entries(sef)) {
      if (UNSUMMED_KEYS.has(key) || (sef.N === 'catch' && key === 'test')) continue;
      sum ^= fold(key, index) ^ fold('', index);
      sum ^= fold(value, index);
    }
    for (const child of sef.C ?? []) visit(child);
    sum ^= 1;
  };
  visit(root);
  root[CHECKSUM_KEY] = (sum < 0 ? 0x1_0000_0000 + sum : sum).toString(16);
  return root;
}

// The compiler is itself a SEF; its nodes need parent links before it can run.
function linkParents(sef: SefNode): SefNode {
  for (const child of sef.C ?? []) {
    child.parentNode = sef;
    linkParents(child);
  }
  return sef;
}

/** Compiles the stylesheet at `xsltPath`; returns the SEF as JSON text. */
export async function compileXslt(xsltPath: string): Promise<string> {
  const compiler = linkParents(SaxonJS.getPlatform().resource('compiler'));
  const stylesheetParams = new SaxonJS.XdmMap();
  stylesheetParams.inSituPut(SaxonJS.XS.QName.fromParts('', '', 'staticParameters'), [new SaxonJS.XdmMap()]);
  const state = SaxonJS.checkOptions({
    stylesheetInternal: compiler,
    stylesheetParams,
    templateParams: { 'Q{}options': { noXPath: false, relocatable: false } },
    tunnelParams: {},
    functionParams: {},
    outputProperties: {},
    destination: 'application',
    initialMode: 'compile-complete',
    async: true,
  });
  SaxonJS.internalTransform(compiler, await SaxonJS.getResource({ file: xsltPath, type: 'xml' }), state);
  const output = (await state.resultPromise).principalResult;
  const sefXml = (Array.isArray(output) ? output[0] : output) as { firstChild: unknown };
  // A round trip through JSON drops the parent links and anything else that is not data.
  const sef = JSON.parse(JSON.stringify(SaxonJS.XPath.sefToJSON(sefXml.firstChild, false))) as SefNode;
  return JSON.stringify(sealSef(sef));
}

async function lockOrWait(lockPath: string, sefPath: string): Promise<'locked' | 'ready'> {
  for (;;) {
    try {
      await (await open(lockPath, 'wx')).close();
      return 'locked';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await exists(sefPath)) return 'ready';
    const age = Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? 0);
    if (age > STALE_LOCK_MS) await rm(lockPath, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null)) !== null;
}

/**
 * The SEF of a stylesheet, compiled once per stylesheet content and SaxonJS version and kept in
 * `cacheDir`. Processes that start together compile it once: the others wait on a lock file.
 */
export async function cachedSef(xsltPath: string | URL, cacheDir: string): Promise<SefNode> {
  const file = xsltPath instanceof URL ? fileURLToPath(xsltPath) : xsltPath;
  const xslt = await readFile(file);
  const version = SaxonJS.getProcessorInfo().productVersion;
  const hash = createHash('sha256').update(`saxon-js ${version}\n`).update(xslt).digest('hex').slice(0, 24);
  const sefPath = path.join(cacheDir, `${path.basename(file, path.extname(file))}-${hash}.sef.json`);
  if (!(await exists(sefPath))) {
    await mkdir(cacheDir, { recursive: true });
    const lockPath = `${sefPath}.lock`;
    if ((await lockOrWait(lockPath, sefPath)) === 'locked') {
      try {
        if (!(await exists(sefPath))) {
          const temporary = `${sefPath}.${process.pid}.tmp`;
          await writeFile(temporary, await compileXslt(file));
          await rename(temporary, sefPath);
        }
      } finally {
        await rm(lockPath, { force: true });
      }
    }
  }
  return JSON.parse(await readFile(sefPath, 'utf8')) as SefNode;
}
