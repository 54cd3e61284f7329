import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentTypes } from '../../schemas/rules.ts';
import { type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { commonWord, editOneArticle, generateExport, staffCount, topicCount } from '../../scripts/benchmark/generate-export.ts';
import { readExport } from '../../site/lib/content/sources/export-files.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };

async function readDataset(folder: string) {
  const exported = await readExport(folder);
  const raw = Object.fromEntries(
    documentTypes.map((type) => [type, exported.documents.filter((doc) => doc._type === type)]),
  ) as unknown as RawDataset;
  return { documents: exported.documents as Doc[], dataset: validateDataset(raw, folder) };
}

describe('the benchmark export', () => {
  it('is a valid export of n articles, 40 staff and 24 topics, with the text the baseline renders', async () => {
    const folder = makeTempDir('mca-generated-');
    const generated = await generateExport({ folder, articles: 25 });
    const { dataset } = await readDataset(folder);
    expect(dataset.article).toHaveLength(25);
    expect(dataset.staffMember).toHaveLength(staffCount);
    expect(dataset.topic).toHaveLength(topicCount);
    expect(dataset.contactDetails).toHaveLength(1);
    const articleIds = new Set(dataset.article.map((article) => article._id));
    for (const article of dataset.article) {
      expect(new Set(article.topics?.map((topic) => topic._ref)).size, article._id).toBe(2);
      const styles = new Set(article.body.map((block) => block['style'] ?? block._type));
      expect([...styles], article._id).toEqual(expect.arrayContaining(['normal', 'h2']));
      expect(
        article.body.some((block) => block['listItem']),
        article._id,
      ).toBe(true);
      const links = article.body.flatMap(
        (block) => (block['markDefs'] as Array<{ _type: string; reference?: { _ref: string } }> | undefined) ?? [],
      );
      expect(links.length, article._id).toBeGreaterThan(0);
      for (const link of links) expect(articleIds.has(link.reference?._ref ?? ''), article._id).toBe(true);
    }
    const words = generated.articles.map((article) => article.paragraphs.join(' ').split(/\s+/).length);
    expect(Math.min(...words)).toBeGreaterThan(500);
    expect(generated.articles.every((article) => article.paragraphs.join(' ').includes(commonWord))).toBe(true);
  });

  it('edits one article as a publish would: new title, body and revision', async () => {
    const folder = makeTempDir('mca-generated-');
    await generateExport({ folder, articles: 5 });
    const before = readFileSync(join(folder, 'data.ndjson'), 'utf8');
    const id = editOneArticle(folder);
    const { documents } = await readDataset(folder);
    const original = before
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Doc)
      .find((doc) => doc._id === id);
    const edited = documents.find((doc) => doc._id === id);
    expect(edited?.['title']).not.toBe(original?.['title']);
    expect(edited?.['_rev']).not.toBe(original?.['_rev']);
    expect(JSON.stringify(edited?.['body'])).not.toBe(JSON.stringify(original?.['body']));
  });
});
