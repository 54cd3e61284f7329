import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkOutputReuse, codeFingerprint } from '../../scripts/output-reuse.ts';
import { fetchPublishedVersions, syncedContent, versionOf } from '../../site/lib/content/sanity-loader.ts';
import { openContentSource } from '../../site/lib/content/sources/index.ts';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Doc = Record<string, unknown> & { _id: string };

let documents: Doc[];
let exportFolder: string;
let out: string;
let cacheDir: string;

/** Writes the export the build reads, and a finished build of it, recorded as the earlier build. */
async function builtOnce(): Promise<void> {
  const check = await checkOutputReuse({ root, out, cacheDir });
  expect(check.unchanged).toBe(false);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.html'), '<!doctype html><title>built</title>');
  // What the build's content sync leaves behind: the version of every document it stored.
  const source = await openContentSource();
  const versions = Object.fromEntries((await fetchPublishedVersions(source)).map((doc) => [doc._id, versionOf(doc)]));
  syncedContent().current = { source: `${source.mode}:${source.description}`, versions };
  await check.record();
}

const check = () => checkOutputReuse({ root, out, cacheDir });

beforeEach(async () => {
  documents = fixtureDocuments() as Doc[];
  const into = makeTempDir('mca-reuse-');
  exportFolder = await writeExport(documents, 'folder', into);
  out = join(into, 'dist');
  cacheDir = join(into, 'cache');
  vi.stubEnv('SANITY_PROJECT_ID', '');
  vi.stubEnv('SANITY_EXPORT_FILE', exportFolder);
  vi.stubEnv('SITE_URL', 'https://mca.example');
});

// Stubs change the process's own environment and are put back; a copy assigned to `process.env` would cut
// it off from that environment for the worker's later files (`os.tmpdir()` would ignore their `TMPDIR`).
afterEach(() => {
  vi.unstubAllEnvs();
});

function rewrite(change: (doc: Doc) => void, id: string): void {
  const doc = documents.find((candidate) => candidate._id === id);
  if (!doc) throw new Error(`no ${id}`);
  change(doc);
  writeFileSync(join(exportFolder, 'data.ndjson'), `${documents.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
}

describe('reusing the previous output', () => {
  it('keeps the output when neither content, code nor settings changed', async () => {
    await builtOnce();
    await expect(check()).resolves.toMatchObject({ unchanged: true, reason: 'nothing changed since the last build' });
  });

  it('rebuilds after a document is published again', async () => {
    await builtOnce();
    rewrite((doc) => {
      doc['_rev'] = 'a-new-revision';
      doc['title'] = 'A new title';
    }, 'article-warning-signs');
    await expect(check()).resolves.toMatchObject({ unchanged: false, reason: 'the content changed' });
  });

  it('rebuilds after a document is deleted', async () => {
    await builtOnce();
    documents = documents.filter((doc) => doc._id !== 'article-finding-a-group');
    writeFileSync(join(exportFolder, 'data.ndjson'), `${documents.map((entry) => JSON.stringify(entry)).join('\n')}\n`);
    await expect(check()).resolves.toMatchObject({ unchanged: false });
  });

  it('rebuilds when a setting that shapes the pages changes', async () => {
    await builtOnce();
    vi.stubEnv('SITE_URL', 'https://www.mca.example');
    await expect(check()).resolves.toMatchObject({ unchanged: false, reason: 'the code or settings changed' });
  });

  it('rebuilds into another folder', async () => {
    await builtOnce();
    await expect(checkOutputReuse({ root, out: `${out}-elsewhere`, cacheDir })).resolves.toMatchObject({ unchanged: false });
  });

  it('rebuilds when the output is gone', async () => {
    await builtOnce();
    rmSync(out, { recursive: true });
    await expect(check()).resolves.toMatchObject({ unchanged: false, reason: 'the output folder is missing or incomplete' });
  });

  it('rebuilds when an article’s publication time has passed since the last build', async () => {
    await builtOnce();
    const file = join(cacheDir, 'output-fingerprint.json');
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as { builtAt: string };
    // As if the last build ran before the fixture's newest article was due (2026-03-01).
    writeFileSync(file, JSON.stringify({ ...stamp, builtAt: '2026-02-15T00:00:00.000Z' }));
    await expect(check()).resolves.toMatchObject({ unchanged: false, reason: 'a scheduled article is due' });
  });

  it('never reuses when the content cannot be read', async () => {
    await builtOnce();
    writeFileSync(join(exportFolder, 'data.ndjson'), '{"_id": "article-cut-off", "_type": "art');
    const result = await check();
    expect(result.unchanged).toBe(false);
    expect(result.reason).toMatch(/^the content could not be read/);
  });

  it('records nothing for a build whose content sync is unknown', async () => {
    const first = await check();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'index.html'), '<!doctype html><title>built</title>');
    await first.record();
    await expect(check()).resolves.toMatchObject({ unchanged: false, reason: 'no earlier build into this folder is recorded' });
  });
});

describe('the code fingerprint', () => {
  it('changes with any file under site/ or schemas/, and with the lockfile', () => {
    const project = makeTempDir('mca-code-');
    for (const path of ['site/pages', 'schemas']) mkdirSync(join(project, path), { recursive: true });
    writeFileSync(join(project, 'site/pages/index.astro'), '<h1>Home</h1>');
    writeFileSync(join(project, 'schemas/rules.ts'), 'export const rules = {};');
    writeFileSync(join(project, 'package-lock.json'), '{}');
    const env = { SITE_URL: 'https://mca.example' };
    const before = codeFingerprint(project, env);
    expect(codeFingerprint(project, env)).toBe(before);
    for (const [file, text] of [
      ['site/pages/index.astro', '<h1>Welcome</h1>'],
      ['schemas/rules.ts', 'export const rules = { titleMax: 1 };'],
      ['package-lock.json', '{"lockfileVersion":3}'],
    ] as const) {
      const original = readFileSync(join(project, file), 'utf8');
      writeFileSync(join(project, file), text);
      expect(codeFingerprint(project, env), file).not.toBe(before);
      writeFileSync(join(project, file), original);
    }
    expect(codeFingerprint(project, { ...env, CONTACT_FORM_ACTION: 'https://mca.example/contact' })).not.toBe(before);
    expect(codeFingerprint(project, { ...env, HOME: '/elsewhere' })).toBe(before);
  });
});
