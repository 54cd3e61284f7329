import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dirs.ts';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../support/build-site.ts';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';

function syncLines(output: string): Record<string, string> {
  const lines: Record<string, string> = {};
  for (const match of output.matchAll(/content sync ([\w.]+): (\d+ changed, \d+ deleted, \d+ unchanged)/g)) {
    lines[match[1] as string] = match[2] as string;
  }
  return lines;
}

describe('incremental content sync between builds', () => {
  it('fetches everything once, then only what changed, and notices deletions', async () => {
    const folder = makeTempDir('mca-sync-');
    const outDir = join(folder, 'dist');
    const documents = fixtureDocuments();
    const first = await buildSite({ SANITY_EXPORT_FILE: await writeExport(documents, 'ndjson', folder) }, outDir);
    expect(first.status, first.output).toBe(0);
    expect(syncLines(first.output)).toEqual({
      article: '15 changed, 0 deleted, 0 unchanged',
      staffMember: '3 changed, 0 deleted, 0 unchanged',
      topic: '3 changed, 0 deleted, 0 unchanged',
      contactDetails: '1 changed, 0 deleted, 0 unchanged',
      searchSettings: '0 changed, 0 deleted, 0 unchanged',
      languageAssistance: '1 changed, 0 deleted, 0 unchanged',
      'translation.metadata': '4 changed, 0 deleted, 0 unchanged',
    });

    const edited = documents
      .filter((doc) => doc['_id'] !== 'article-archive-note-8')
      .map((doc) =>
        doc['_id'] === 'article-quiet-mornings' ? { ...doc, title: 'Quiet mornings, revised', _rev: 'rev-edited' } : doc,
      );
    const second = await buildSite({ SANITY_EXPORT_FILE: await writeExport(edited, 'ndjson', folder) }, outDir);
    expect(second.status, second.output).toBe(0);
    expect(syncLines(second.output)).toEqual({
      article: '1 changed, 1 deleted, 13 unchanged',
      staffMember: '0 changed, 0 deleted, 3 unchanged',
      topic: '0 changed, 0 deleted, 3 unchanged',
      contactDetails: '0 changed, 0 deleted, 1 unchanged',
      searchSettings: '0 changed, 0 deleted, 0 unchanged',
      languageAssistance: '0 changed, 0 deleted, 1 unchanged',
      'translation.metadata': '0 changed, 0 deleted, 4 unchanged',
    });
  });

  it('keeps its cursor when a build fails, and starts afresh when the source changes', async () => {
    const folder = makeTempDir('mca-sync-');
    const outDir = join(folder, 'dist');
    const documents = fixtureDocuments();
    const retitle = (title: string) =>
      documents.map((doc) => (doc['_id'] === 'article-quiet-mornings' ? { ...doc, title, _rev: `rev-${title.length}` } : doc));
    expect((await buildSite({ SANITY_EXPORT_FILE: await writeExport(documents, 'ndjson', folder) }, outDir)).status).toBe(0);

    const invalid = await buildSite({ SANITY_EXPORT_FILE: await writeExport(retitle(''), 'ndjson', folder) }, outDir);
    expect(invalid.status).not.toBe(0);
    expect(invalid.output).toContain('article article-quiet-mornings (title): required');

    // The failed build stored nothing: the next one still sees the edit as a change against the last good build.
    const fixed = await buildSite({ SANITY_EXPORT_FILE: await writeExport(retitle('Quiet mornings, fixed'), 'ndjson', folder) }, outDir);
    expect(fixed.status, fixed.output).toBe(0);
    expect(syncLines(fixed.output)['article']).toBe('1 changed, 0 deleted, 12 unchanged');
    expect(readFileSync(join(outDir, 'articles', 'quiet-mornings', 'index.html'), 'utf8')).toContain('Quiet mornings, fixed');

    // The same documents from another source (the unpacked folder instead of the bare file) are read in full.
    const moved = await buildSite({ SANITY_EXPORT_FILE: await writeExport(retitle('Quiet mornings, fixed'), 'folder', folder) }, outDir);
    expect(moved.status, moved.output).toBe(0);
    expect(syncLines(moved.output)['article']).toBe('13 changed, 0 deleted, 0 unchanged');
    expect(moved.output).toContain('full sync from the export');
  });

  it('checks the links in unchanged articles against what was deleted since', async () => {
    const folder = makeTempDir('mca-sync-');
    const outDir = join(folder, 'dist');
    const documents = fixtureDocuments();
    expect((await buildSite({ SANITY_EXPORT_FILE: await writeExport(documents, 'ndjson', folder) }, outDir)).status).toBe(0);

    // Harbour lights is unchanged: its body, which links to Quiet mornings, comes from the last build.
    const withoutQuietMornings = documents.filter((doc) => doc['_id'] !== 'article-quiet-mornings');
    const second = await buildSite({ SANITY_EXPORT_FILE: await writeExport(withoutQuietMornings, 'ndjson', folder) }, outDir);
    expect(second.status).not.toBe(0);
    expect(second.output).toContain('article article-harbour-lights (body[4].markDefs[1].reference): refers to article-quiet-mornings');
  });

  it('fetches an article again when its stored body is gone, and renders it whole', async () => {
    const folder = makeTempDir('mca-sync-');
    const outDir = join(folder, 'dist');
    const exportFile = await writeExport(fixtureDocuments(), 'ndjson', folder);
    expect((await buildSite({ SANITY_EXPORT_FILE: exportFile }, outDir)).status).toBe(0);

    rmSync(join(`${outDir}-cache`, 'article-bodies.sqlite'));
    // Another address, so that the build runs (with the same content it would keep the output).
    const again = await buildSite({ SANITY_EXPORT_FILE: exportFile, SITE_URL: 'https://rebuild.example' }, outDir);
    expect(again.status, again.output).toBe(0);
    expect(syncLines(again.output)['article']).toBe('13 changed, 0 deleted, 0 unchanged');
    expect(readFileSync(join(outDir, 'articles', 'harbour-lights', 'index.html'), 'utf8')).toContain('Why steady steps help');
  });
});
