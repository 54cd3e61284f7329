/**
 * Prints figures for the sample dataset: build time (cold and warm content cache), pages built,
 * the weight of an article page (HTML and CSS, raw and gzipped) and of the search index.
 *
 *   npm run benchmark
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mca-benchmark-'));
const outDir = join(work, 'dist');
const cacheDir = join(work, 'cache');

function timedBuild(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['scripts/build.ts', '--out', outDir, '--cache-dir', cacheDir], {
    cwd: root,
    env: { ...process.env, SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: '' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  return (performance.now() - started) / 1000;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(join(dir, file)).isFile());
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const cold = timedBuild();
const warm = timedBuild();
const all = files(outDir);
const pages = all.filter((file) => file.endsWith('.html'));

const articlePath = join(outDir, 'articles/peer-support-group-therapy/index.html');
const html = readFileSync(articlePath);
const stylesheets = [...html.toString().matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1] as string);
const css = Buffer.concat(stylesheets.map((href) => readFileSync(join(outDir, href))));
const scripts = [...html.toString().matchAll(/<script\b(?![^>]*application\/ld\+json)/g)].length;
const pagefindBytes = files(join(outDir, 'pagefind')).reduce((sum, file) => sum + statSync(join(outDir, 'pagefind', file)).size, 0);

const row = (label: string, value: string) => console.log(`  ${label.padEnd(34)}${value}`);
console.log('Sample dataset build');
row('build time, cold content cache', `${cold.toFixed(1)} s`);
row('build time, warm content cache', `${warm.toFixed(1)} s`);
row('HTML pages', String(pages.length));
row('files in dist/', String(all.length));
console.log('Article page /articles/peer-support-group-therapy/');
row('HTML', `${kb(html.length)} (${kb(gzipSync(html).length)} gzipped)`);
row(`CSS (${stylesheets.length} file)`, `${kb(css.length)} (${kb(gzipSync(css).length)} gzipped)`);
row('HTML + CSS gzipped', kb(gzipSync(html).length + gzipSync(css).length));
row('scripts', String(scripts));
console.log('Search index');
row('dist/pagefind/', kb(pagefindBytes));
rmSync(work, { recursive: true, force: true });
