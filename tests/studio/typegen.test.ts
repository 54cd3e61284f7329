/**
 * The generated types are current: `schemas/sanity.types.ts` is what `npm run typegen` makes of the queries
 * and `schemas/sanity.schema.json`. `tsc` checks the zod schemas against it (`SchemaParity` in
 * `schemas/zod/index.ts`), which means something only while it is current. That the schema file is what the
 * Studio's schema extracts to is checked in Node, without the CLI (`schema-drift.suite.ts`).
 * If this fails, run `npm run typegen` and commit both files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mca-typegen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DO_NOT_TRACK: '1', FORCE_COLOR: '0', NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

/** The generated file without the lines that name where its inputs were. */
const withoutSources = (text: string) => text.replace(/^\/\/ Source: .*$/gm, '');

test('schemas/sanity.types.ts is what `npm run typegen` generates from the schema and the queries', async () => {
  // TypeGen prefers the Studio's own settings (`studio/sanity.cli.ts`, which write into schemas/), so it
  // runs in the scratch folder with settings of its own.
  writeFileSync(
    join(scratch, 'sanity.cli.js'),
    `export default ${JSON.stringify({
      typegen: {
        path: join(root, 'schemas/queries.ts'),
        schema: join(root, 'schemas/sanity.schema.json'),
        generates: './sanity.types.ts',
        overloadClientMethods: false,
      },
    })};\n`,
  );
  await run(process.execPath, [join(root, 'node_modules/sanity/bin/sanity'), 'typegen', 'generate'], scratch);
  expect(
    withoutSources(readFileSync(join(scratch, 'sanity.types.ts'), 'utf8')),
    'schemas/sanity.types.ts is out of date: run `npm run typegen` and commit the result',
  ).toBe(withoutSources(readFileSync(join(root, 'schemas/sanity.types.ts'), 'utf8')));
}, 600_000);
