/**
 * The generated types are current: `schemas/sanity.schema.json` and `schemas/sanity.types.ts` are what
 * `npm run typegen` makes of the Studio schema and the queries. `tsc` checks the zod schemas against
 * them (`SchemaParity` in `schemas/zod/index.ts`), which means something only while they are current.
 * If this fails, run `npm run typegen` and commit both files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const studio = join(root, 'studio');
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

const sanity = (cwd: string, ...args: string[]) => run(process.execPath, [join(root, 'node_modules/sanity/bin/sanity'), ...args], cwd);

/** The generated file without the lines that name where its inputs were. */
const withoutSources = (text: string) => text.replace(/^\/\/ Source: .*$/gm, '');

test('schemas/sanity.types.ts is what `npm run typegen` generates from the Studio schema and the queries', async () => {
  const schemaFile = join(scratch, 'schema.json');
  // TypeGen prefers the Studio's own settings (`studio/sanity.cli.ts`, which write into schemas/), so it
  // runs in the scratch folder with settings of its own. It reads the committed schema: the extraction
  // beside it must give that schema, so both CLI runs go at once instead of one after the other.
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
  await Promise.all([
    // The CLI resolves `--path` against the Studio folder, even an absolute one.
    sanity(studio, 'schema', 'extract', '--enforce-required-fields', '--path', relative(studio, schemaFile)),
    sanity(scratch, 'typegen', 'generate'),
  ]);
  const stale = 'out of date: run `npm run typegen` and commit the result';
  expect(JSON.parse(readFileSync(schemaFile, 'utf8')), `schemas/sanity.schema.json is ${stale}`).toEqual(
    JSON.parse(readFileSync(join(root, 'schemas/sanity.schema.json'), 'utf8')),
  );
  expect(withoutSources(readFileSync(join(scratch, 'sanity.types.ts'), 'utf8')), `schemas/sanity.types.ts is ${stale}`).toBe(
    withoutSources(readFileSync(join(root, 'schemas/sanity.types.ts'), 'utf8')),
  );
}, 600_000);
