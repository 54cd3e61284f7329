import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureDocuments, writeExport } from '../fixtures/fixture-dataset.ts';
import { type BuildResult, buildSite } from '../support/build-site.ts';

/** The scheduled article's publication time, and build times an hour before and half an hour after. */
const dueAt = '2031-03-01T14:00:00Z';
const before = '2031-03-01T13:00:00Z';
const after = '2031-03-01T14:30:00Z';

/** Words that appear only in the scheduled article. */
const canary = { slug: 'tidewater-canary', title: 'Tidewater canary', bodyWord: 'quillowick' };

const span = (key: string, text: string, marks: string[] = []) => ({ _type: 'span', _key: key, text, marks });
const ref = (id: string, key?: string) => ({ _type: 'reference', _ref: id, ...(key ? { _key: key } : {}) });

/** The fixture dataset plus a scheduled article (with author, topic) and a published article linking to it. */
function scheduledDocuments(): Record<string, unknown>[] {
  const meta = (id: string) => ({ _id: id, _createdAt: '2025-01-01T00:00:00Z', _updatedAt: '2025-06-01T00:00:00Z', _rev: `rev-${id}` });
  return [
    ...fixtureDocuments(),
    {
      ...meta('article-tidewater-canary'),
      _type: 'article',
      title: `${canary.title}: written ahead of time`,
      slug: { _type: 'slug', current: canary.slug },
      excerpt: 'An article written ahead of time and scheduled.',
      publishedAt: dueAt,
      author: ref('staff-rowan-achterberg'),
      topics: [ref('topic-peer-support', 't0')],
      body: [{ _type: 'block', _key: 'p1', style: 'normal', markDefs: [], children: [span('s1', `The ${canary.bodyWord} routine.`)] }],
    },
    {
      ...meta('article-lantern-notes'),
      _type: 'article',
      title: 'Lantern notes',
      slug: { _type: 'slug', current: 'lantern-notes' },
      excerpt: 'A published article that links to the scheduled one.',
      publishedAt: '2026-04-01T10:00:00Z',
      author: ref('staff-team'),
      body: [
        {
          _type: 'block',
          _key: 'p1',
          style: 'normal',
          markDefs: [{ _key: 'l1', _type: 'internalLink', reference: ref('article-tidewater-canary') }],
          children: [span('s1', 'Read '), span('s2', 'the coming article', ['l1']), span('s3', ' soon.')],
        },
      ],
    },
  ];
}

/** Every file of a build as text; Pagefind's fragments (gzip) unpacked, so search entries are read too. */
function siteText(outDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    if (/\.pf_(fragment|meta|index|filter)$/.test(entry.name)) files.set(path, gunzipSync(bytes).toString('latin1'));
    else if (/\.(html|xml|txt|json|js|css)$/.test(entry.name)) files.set(path, bytes.toString('utf8'));
  }
  return files;
}

function filesMentioning(outDir: string, text: string): string[] {
  return [...siteText(outDir)].filter(([, content]) => content.includes(text)).map(([path]) => path.slice(outDir.length));
}

const page = (outDir: string, path: string) => readFileSync(join(outDir, path, 'index.html'), 'utf8');

describe('an article whose publishedAt is in the future', () => {
  let early: BuildResult;
  let later: BuildResult;

  beforeAll(async () => {
    const exportFile = await writeExport(scheduledDocuments(), 'ndjson');
    [early, later] = await Promise.all([
      buildSite({ SANITY_EXPORT_FILE: exportFile, BUILD_NOW: before }),
      buildSite({ SANITY_EXPORT_FILE: exportFile, BUILD_NOW: after }),
    ]);
    if (early.status !== 0) throw new Error(`The early build failed:\n${early.output}`);
    if (later.status !== 0) throw new Error(`The later build failed:\n${later.output}`);
  });

  it('is in no output of a build before its time: page, lists, topic, staff page, links, RSS, sitemap, search', () => {
    expect(existsSync(join(early.outDir, 'articles', canary.slug))).toBe(false);
    for (const word of [canary.slug, canary.title, canary.bodyWord]) expect(filesMentioning(early.outDir, word), word).toEqual([]);
    // The published article still renders, its link to the scheduled one as plain text.
    const linking = page(early.outDir, 'articles/lantern-notes');
    expect(linking).toContain('Read the coming article soon.');
    expect(filesMentioning(early.outDir, '/articles/lantern-notes/').length).toBeGreaterThan(0);
  });

  it('is logged with the count and the time it is due', () => {
    expect(early.output).toContain(`1 article is scheduled and left off the site (build time ${new Date(before).toISOString()})`);
    expect(early.output).toContain(`the next, article-tidewater-canary, is due ${new Date(dueAt).toISOString()}`);
    expect(later.output).not.toContain('scheduled and left off the site');
  });

  it('leaves drafts and the draft preview out of the build, as every public build does', () => {
    // The fixture's draft of article-harbour-lights carries this title; the published article does not.
    for (const canary of ['DRAFT TITLE that must never be published', 'draft-mode', 'sanity-preview', 'visual-editing'])
      expect(filesMentioning(later.outDir, canary), canary).toEqual([]);
  });

  it('is everywhere in the first build after its time', () => {
    const url = `/articles/${canary.slug}/`;
    expect(page(later.outDir, `articles/${canary.slug}`)).toContain(canary.bodyWord);
    expect(page(later.outDir, 'articles')).toContain(url);
    expect(page(later.outDir, 'topics/peer-support')).toContain(url);
    expect(page(later.outDir, 'staff/rowan-achterberg')).toContain(url);
    expect(page(later.outDir, 'articles/lantern-notes')).toContain(`<a href="${url}">the coming article</a>`);
    expect(readFileSync(join(later.outDir, 'rss.xml'), 'utf8')).toContain(url);
    expect(readFileSync(join(later.outDir, 'sitemap-0.xml'), 'utf8')).toContain(url);
    const searchEntries = filesMentioning(later.outDir, url).filter((path) => path.startsWith('/pagefind/'));
    expect(searchEntries.length).toBeGreaterThan(0);
  });
});
