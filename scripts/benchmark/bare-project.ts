/**
 * The benchmark's baseline: a bare Astro project, as a new site would start, that renders the same
 * article text as one plain page per article (title, date, paragraphs) from a content collection and
 * indexes it with Pagefind. It uses this repository's `node_modules` through a symlink, so building it
 * downloads nothing.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlainArticle } from './generate-export.ts';

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bare-baseline', private: true, type: 'module' }),
  // Its own cache folder: the default, node_modules/.astro, would be this repository's through the symlink.
  'astro.config.mjs': `export default { trailingSlash: 'always', build: { format: 'directory' }, cacheDir: './cache' };\n`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';

export const collections = {
  articles: defineCollection({ loader: file('articles.json') }),
};
`,
  'src/layouts/Page.astro': `---
const { title } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>{title}</title></head>
  <body><main><slot /></main></body>
</html>
`,
  'src/pages/index.astro': `---
import Page from '../layouts/Page.astro';
---
<Page title="Articles"><h1>Articles</h1></Page>
`,
  'src/pages/articles/[slug].astro': `---
import { getCollection } from 'astro:content';
import Page from '../../layouts/Page.astro';

export async function getStaticPaths() {
  const articles = await getCollection('articles');
  return articles.map((article) => ({ params: { slug: article.id }, props: { article: article.data } }));
}
const { article } = Astro.props;
---
<Page title={article.title}>
  <h1>{article.title}</h1>
  <p><time datetime={article.publishedAt}>{new Date(article.publishedAt).toDateString()}</time></p>
  {article.paragraphs.map((paragraph) => <p>{paragraph}</p>)}
</Page>
`,
  // The build and the index in one process, as our own build runs them.
  'build.mjs': `import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import * as pagefind from 'pagefind';

const root = fileURLToPath(new URL('.', import.meta.url));
await build({ root, logLevel: 'warn' });
try {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index || errors.length > 0) throw new Error(errors.join('\\n'));
  const added = await index.addDirectory({ path: root + 'dist' });
  if (added.errors.length > 0) throw new Error(added.errors.join('\\n'));
  const written = await index.writeFiles({ outputPath: root + 'dist/pagefind' });
  if (written.errors.length > 0) throw new Error(written.errors.join('\\n'));
} finally {
  await pagefind.close();
}
`,
};

/** Writes the bare project into `folder` (its build output goes to `folder/dist`). */
export function writeBareProject(folder: string, articles: readonly PlainArticle[], nodeModules: string): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const entries = articles.map(({ slug, ...rest }) => ({ id: slug, ...rest }));
  writeFileSync(join(folder, 'articles.json'), JSON.stringify(entries));
  symlinkSync(nodeModules, join(folder, 'node_modules'), 'dir');
}
