// CI guard for migrations: the schema and the committed migrations agree (drizzle-kit finds
// nothing to generate), the journal's timestamps only increase, and every entry has its file.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const journal = JSON.parse(readFileSync(path.join(root, 'migrations/meta/_journal.json'), 'utf8'));
const problems = [];
let previous = 0;
for (const [i, entry] of journal.entries.entries()) {
  if (entry.idx !== i) problems.push(`journal entry ${entry.tag} has idx ${entry.idx}, expected ${i}`);
  if (entry.when <= previous) problems.push(`journal entry ${entry.tag} is not newer than the one before it`);
  previous = entry.when;
  if (!existsSync(path.join(root, 'migrations', `${entry.tag}.sql`)))
    problems.push(`migration file ${entry.tag}.sql is missing`);
}
const tags = new Set(journal.entries.map((e) => e.tag));
for (const file of readdirSync(path.join(root, 'migrations')).filter((f) => f.endsWith('.sql'))) {
  if (!tags.has(file.replace(/\.sql$/, ''))) problems.push(`migration file ${file} is not in the journal`);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tandem-migrations-'));
try {
  cpSync(path.join(root, 'migrations'), path.join(tmp, 'migrations'), { recursive: true });
  const config = path.join(tmp, 'drizzle.config.mjs');
  writeFileSync(
    config,
    `export default ${JSON.stringify({
      dialect: 'postgresql',
      schema: [path.join(root, 'src/platform/**/schema.ts'), path.join(root, 'src/modules/**/schema.ts')],
      // drizzle-kit prefixes `out` with './', so it must be relative to the working directory.
      out: path.relative(root, path.join(tmp, 'migrations')),
      entities: { roles: { provider: '' } },
    })};\n`,
  );
  const output = execFileSync(
    path.join(root, 'node_modules/.bin/drizzle-kit'),
    ['generate', `--config=${config}`, '--name=drift'],
    { cwd: root, stdio: 'pipe', encoding: 'utf8' },
  );
  const generated = readdirSync(path.join(tmp, 'migrations')).filter((f) => f.includes('_drift'));
  if (generated.length === 0 && !/No schema changes/.test(output)) {
    problems.push(`drizzle-kit did not say whether the schema changed:\n${output}`);
  }
  if (generated.length > 0) {
    problems.push(
      `the schema differs from the committed migrations; run \`npm run db:generate\`:\n${readFileSync(path.join(tmp, 'migrations', generated[0]), 'utf8')}`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const p of problems) console.error(`migrations: ${p}`);
  process.exit(1);
}
console.log(`migrations: ${journal.entries.length} in order, schema and migrations agree`);
