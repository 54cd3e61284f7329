import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/temp-dirs.ts';
import { describe, expect, it } from 'vitest';
import { releasePaths } from '../../scripts/releases.ts';
import { RebuildError } from '../../scripts/server/webhooks/build-queue.ts';
import { runBuildScript } from '../../scripts/server/webhooks/run-build-script.ts';
import { buildSite, previousSite } from '../support/build-site.ts';
import { fixtureDocuments, pictures, writeExport } from '../fixtures/fixture-dataset.ts';

function expectUntouched(outDir: string) {
  expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('<h1>The previous, working site</h1>');
  expect(readdirSync(outDir)).toEqual(['index.html']);
  const { releasesDir } = releasePaths(outDir);
  expect(existsSync(releasesDir) ? readdirSync(releasesDir).filter((name) => name.includes('staging')) : []).toEqual([]);
}

// The builds of this file do not depend on each other, and a build keeps one core busy: side by side, they use both.
describe.concurrent('a build that reads invalid content', () => {
  // One build shows it all: a build lists every problem of the export at once, whatever its kind.
  it('fails, lists every problem with id, type, field and reason, and leaves the previous site', async () => {
    const documents = fixtureDocuments();
    const byId = (id: string) => documents.find((doc) => doc['_id'] === id) as Record<string, unknown>;
    // A required field left empty and a reference to a document that is gone.
    const quiet = byId('article-quiet-mornings');
    delete quiet['slug'];
    quiet['author'] = { _type: 'reference', _ref: 'staff-who-left' };
    byId('staff-team')['photo'] = { _type: 'image', _sanityAsset: 'image@file://./images/abc-10x10.svg' };
    // A 300-character slug and a list nested 2000 deep: content errors, not a clean-up error.
    byId('article-warning-signs')['slug'] = { _type: 'slug', current: 'a'.repeat(300) };
    const deep = { _type: 'block', _key: 'deep', style: 'normal', listItem: 'bullet', level: 2000, markDefs: [], children: [] };
    const harbour = byId('article-harbour-lights');
    harbour['body'] = [...(harbour['body'] as unknown[]), deep];
    // Files the export calls images that are not: no byte of them is published.
    const page = '<!doctype html><title>Hello</title><script>alert(document.domain)</script>';
    byId('staff-rowan-achterberg')['photo'] = { _type: 'image', _sanityAsset: 'image@file://./images/0a1b2c3d-100x100.html', alt: 'Rowan' };
    const group = byId('article-finding-a-group');
    group['mainImage'] = { _type: 'image', _sanityAsset: 'image@file://./images/4e5f6a7b-100x100.png', alt: 'Sunrise' };
    delete group['excerpt'];
    // Scheduled for later, and checked all the same: a later build would publish it as it is.
    group['publishedAt'] = '2099-01-05T14:00:00Z';
    const folder = await writeExport(documents, 'folder');
    writeFileSync(join(folder, 'images', '0a1b2c3d-100x100.html'), page);
    writeFileSync(join(folder, 'images', '4e5f6a7b-100x100.png'), page);
    // An image that is a link to a file outside the export: never read through.
    const secret = join(makeTempDir('mca-secret-'), 'secret.txt');
    writeFileSync(secret, 'not for the site');
    rmSync(join(folder, 'images', pictures.article.name));
    symlinkSync(secret, join(folder, 'images', pictures.article.name));
    const outDir = previousSite();

    const result = await buildSite({ SANITY_EXPORT_FILE: folder }, outDir);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Invalid content in the export');
    expect(result.output).toContain('10 problems');
    expect(result.output).toContain('article article-quiet-mornings (slug): required');
    expect(result.output).toContain('article article-quiet-mornings (author): refers to staff-who-left, which is missing or not published');
    expect(result.output).toContain('staffMember staff-team (photo.alt): required');
    expect(result.output).toContain('article article-warning-signs (slug.current): at most 96 characters');
    expect(result.output).toMatch(/article article-harbour-lights \(body\[\d+\]\.level\): must be from 1 to 6/);
    expect(result.output).toContain('staffMember staff-rowan-achterberg (photo): images/….html is not an image file the site publishes');
    expect(result.output).toContain(
      'article article-finding-a-group (mainImage): images/4e5f6a7b-100x100.png is not a PNG image: its content is no image format the site publishes',
    );
    expect(result.output).toContain('article article-finding-a-group (excerpt): required');
    expect(result.output).toContain(`images/${pictures.article.name} is a symbolic link`);
    expect(result.output).not.toContain('not for the site');
    expect(result.output).toContain(`Build failed; ${outDir}/ was left as it was.`);
    expect(result.output).not.toMatch(/ENOTEMPTY|ENAMETOOLONG|call stack/);
    expect(result.output).not.toMatch(/\n\s+at /);
    expectUntouched(outDir);
  });

  it('fails at once on wrong settings, naming every one, and leaves the previous site', async () => {
    const outDir = previousSite();
    const result = await buildSite(
      {
        SANITY_EXPORT_FILE: '/nowhere/production.tar.gz',
        BUILD_NOW: 'next tuesday',
        CONTACT_FORM_ACTION: 'http://forms.mca.example/contact',
      },
      outDir,
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('Invalid build settings in the environment');
    expect(result.output).toContain('BUILD_NOW: must be an ISO 8601 date and time');
    expect(result.output).toContain('CONTACT_FORM_ACTION: must be an https:// URL (http:// only to localhost or 127.0.0.1)');
    // Before Astro or the content: the export that is missing is not what it reports.
    expect(result.output).not.toContain('does not exist');
    expect(result.output).toContain(`Build failed; ${outDir}/ was left as it was.`);
    expect(result.output).not.toMatch(/\n\s+at /);
    expectUntouched(outDir);
  });
});

describe.concurrent("the server's local build", () => {
  /** The error a server rebuild of this export into `out` rejects with. */
  async function serverBuildError(exportFile: string, out = join(makeTempDir('mca-server-build-'), 'live')): Promise<RebuildError> {
    const settings = { KEEP_RELEASES: 5, BUILD_CACHE_DIR: `${out}-cache` };
    const env = { ...process.env, SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: exportFile };
    const error = await runBuildScript({ out, settings, env }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(RebuildError);
    return error as RebuildError;
  }

  it('is not retried when it fails on the content, even when the failure is not a validation report', async () => {
    const documents = fixtureDocuments();
    const quiet = documents.find((doc) => doc['_id'] === 'article-quiet-mornings') as Record<string, unknown>;
    quiet['slug'] = { _type: 'slug', current: 'a'.repeat(300) };
    const error = await serverBuildError(await writeExport(documents, 'ndjson'));
    expect(error.retryable).toBe(false);
    expect(error.summary).toBe('the local build failed on the content or the code');
  });

  it('fails with one clear message when the export cannot be read, leaves the previous site, and is retried', async () => {
    const outDir = previousSite();
    const error = await serverBuildError('/nowhere/production.tar.gz', outDir);
    expect(error.message).toContain('The export /nowhere/production.tar.gz does not exist (SANITY_EXPORT_FILE).');
    expect(error.retryable).toBe(true);
    expectUntouched(outDir);
  });
});
