/**
 * Builds a generated export of `n` articles with the real build, cold, again with nothing changed and
 * again after one article changed, and the same text with a bare Astro + Pagefind project as the
 * baseline; prints time, peak memory, pages and output size of each build with its ratio to the
 * baseline, an article page's weight, the largest page and what a first search transfers, and writes
 * the figures as JSON.
 *
 *   npm run benchmark -- --articles 1000 [--runs 3] [--json figures.json] [--root <checkout>] [--keep]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { writeBareProject } from './benchmark/bare-project.ts';
import { listReleases } from './releases.ts';
import { compressRelease } from './server/compressed-copies.ts';
import { commonWord, editOneArticle, generateExport } from './benchmark/generate-export.ts';
import { type BuildRun, pageWeight, searchTransfer, type SiteStats, siteStats, timedRun } from './benchmark/measure.ts';

const here = fileURLToPath(new URL('..', import.meta.url));

/** A word in about two articles of three, next to `commonWord`, which is in every one. */
const lessCommonWord = 'naloxone';

const OptionsSchema = z.object({
  /** How many articles to generate. */
  articles: z.coerce.number().int().min(1, { error: 'must be a whole number of at least 1' }),
  /** How many times to build the baseline and the cold build, alternately; each figure is the median. */
  runs: z.coerce.number().int().min(1, { error: 'must be a whole number of at least 1' }),
  /** Where to write the figures; default: a new file in the temporary folder. */
  json: z.string().optional(),
  /** The checkout whose build to measure, e.g. the main branch for a before/after comparison. */
  root: z.string().default(here),
  /** Keep the temporary folder (export, sites, build logs). */
  keep: z.boolean().default(false),
});

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '1' },
    json: { type: 'string' },
    root: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const parsed = OptionsSchema.safeParse(values);
if (!parsed.success) {
  console.error(`Invalid options:\n${parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  process.exit(2);
}
const options = parsed.data;
const root = resolve(options.root);

const work = mkdtempSync(join(tmpdir(), 'mca-benchmark-'));
const exportFolder = join(work, 'export');
const siteOut = join(work, 'site', 'dist');
const siteCache = join(work, 'site', 'cache');
const bareFolder = join(work, 'bare');
const log = join(work, 'build.log');
mkdirSync(exportFolder, { recursive: true });

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(totalmem() / 2 ** 30),
  loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  node: process.version,
};

console.log(`Generating ${options.articles} articles in ${exportFolder} …`);
const generated = await generateExport({ folder: exportFolder, articles: options.articles });

const siteEnv = { ...process.env, SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: exportFolder, SITE_URL: 'https://mca.example' };
const siteBuild = async (label: string): Promise<BuildRun & { stats: SiteStats }> => {
  console.log(`Building: ${label} …`);
  const run = await timedRun(['scripts/build.ts', '--out', siteOut, '--cache-dir', siteCache], { cwd: root, env: siteEnv, log });
  return { ...run, stats: siteStats(siteOut) };
};

writeBareProject(bareFolder, generated.articles, join(here, 'node_modules'));
const baselineRuns: BuildRun[] = [];
const coldRuns: BuildRun[] = [];
// Alternated, so that a machine slowing down or speeding up meanwhile weighs on both alike.
for (let run = 1; run <= options.runs; run++) {
  const of = options.runs > 1 ? ` (run ${run} of ${options.runs})` : '';
  for (const folder of ['dist', 'cache']) rmSync(join(bareFolder, folder), { recursive: true, force: true });
  console.log(`Building: bare Astro + Pagefind baseline${of} …`);
  baselineRuns.push(await timedRun(['build.mjs'], { cwd: bareFolder, env: process.env, log }));
  rmSync(join(work, 'site'), { recursive: true, force: true });
  coldRuns.push(await siteBuild(`cold (fresh cache)${of}`));
}
const baseline = { ...median(baselineRuns), stats: siteStats(join(bareFolder, 'dist')) };
const cold = { ...median(coldRuns), stats: siteStats(siteOut) };
const unchanged = await siteBuild('again, nothing changed');
const edited = editOneArticle(exportFolder);
const oneChanged = await siteBuild(`again, article ${edited} changed`);

// The copies the centre's server makes once a release is live (not part of a build): of every file of the
// cold build's release, then of the release one article changed, which takes the unchanged files' copies.
const [coldRelease, editedRelease] = listReleases(join(work, 'site', '.dist-releases'))
  .slice(-2)
  .map((release) => release.path);
if (!coldRelease || !editedRelease) throw new Error('The cold and one-article releases were not kept.');
console.log('Making the compressed copies the centre’s server sends: a whole release, then after one article changed …');
const timedCompression = async (release: string, previous?: string) => {
  const started = performance.now();
  const pass = await compressRelease(release, previous ? { previous } : {});
  return { ...pass, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
};
const compression = { whole: await timedCompression(coldRelease), oneChanged: await timedCompression(editedRelease, coldRelease) };

const firstArticle = generated.articles[0];
if (!firstArticle) throw new Error('No article was generated.');
const article = pageWeight(siteOut, `articles/${firstArticle.slug}/`);
const hostLabels = { server: 'the centre’s server', 'gzip-host': 'a gzip-only host (GitHub Pages)' };
const searches = [];
for (const host of ['server', 'gzip-host'] as const) {
  for (const word of [commonWord, lessCommonWord]) {
    console.log(`Searching for "${word}" in Chromium, served by ${hostLabels[host]} …`);
    searches.push(await searchTransfer(siteOut, word, host));
  }
}

/** The median run by time, with the median peak memory of the runs. */
function median(runs: readonly BuildRun[]): BuildRun {
  const middle = <T>(values: T[], by: (value: T) => number) => values.sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)] as T;
  const memory = middle([...runs], (run) => run.peakMemory);
  return { seconds: middle([...runs], (run) => run.seconds).seconds, peakMemory: memory.peakMemory, peakProcess: memory.peakProcess };
}

const ratio = (value: number, base: number) => Number((value / base).toFixed(2));
const runSeconds: Record<string, BuildRun[]> = { baseline: baselineRuns, cold: coldRuns };
// Each cold build against the baseline built just before it: the machine's drift cancels out of each pair.
const pairedRatios = coldRuns.map((run, index) => ratio(run.seconds, baselineRuns[index]?.seconds ?? Number.NaN));
const pairedRatio = [...pairedRatios].sort((a, b) => a - b)[Math.floor(pairedRatios.length / 2)] as number;
const builds = Object.entries({ baseline, cold, unchanged, oneChanged }).map(([name, build]) => ({
  name,
  seconds: Number(build.seconds.toFixed(1)),
  runs: (runSeconds[name] ?? [build]).map((run) => ({
    seconds: Number(run.seconds.toFixed(1)),
    peakMemory: run.peakMemory,
    peakProcess: run.peakProcess,
  })),
  peakMemory: build.peakMemory,
  peakProcess: build.peakProcess,
  pages: build.stats.pages,
  outputBytes: build.stats.bytes,
  largestPage: build.stats.largestPage,
  vsBaseline: {
    time: name === 'cold' ? pairedRatio : ratio(build.seconds, baseline.seconds),
    peakMemory: ratio(build.peakMemory, baseline.peakMemory),
    pages: ratio(build.stats.pages, baseline.stats.pages),
    outputBytes: ratio(build.stats.bytes, baseline.stats.bytes),
  },
}));
const figures = { articles: options.articles, runs: options.runs, root, machine, builds, compression, article, searches };

const labels: Record<string, string> = {
  baseline: 'bare Astro 7 + Pagefind',
  cold: 'cold build + index',
  unchanged: 'rebuild, nothing changed',
  oneChanged: 'rebuild, one article changed',
};
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
console.log(
  `\n${options.articles} articles${options.runs > 1 ? `, median of ${options.runs} runs of the baseline and the cold build` : ''}; ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB; load average at start ${machine.loadAverageAtStart.join(' ')}`,
);
console.log(
  `${'build'.padEnd(30)}${'time'.padStart(9)}${'×'.padStart(6)}${'peak RSS'.padStart(10)}${'×'.padStart(6)}${'in'.padStart(10)}` +
    `${'pages'.padStart(8)}${'×'.padStart(6)}${'output'.padStart(9)}${'×'.padStart(6)}`,
);
for (const build of builds) {
  console.log(
    `${(labels[build.name] ?? build.name).padEnd(30)}${`${build.seconds} s`.padStart(9)}${String(build.vsBaseline.time).padStart(6)}` +
      `${MB(build.peakMemory).padStart(10)}${String(build.vsBaseline.peakMemory).padStart(6)}${(build.peakProcess ?? '').padStart(10)}` +
      `${String(build.pages).padStart(8)}${String(build.vsBaseline.pages).padStart(6)}` +
      `${MB(build.outputBytes).padStart(9)}${String(build.vsBaseline.outputBytes).padStart(6)}`,
  );
}
if (options.runs > 1)
  console.log(
    `cold build ÷ the baseline built just before it, run by run: ${pairedRatios.join(', ')} (median ${pairedRatio}, shown above)`,
  );
for (const [label, pass] of [
  ['a whole release', compression.whole],
  ['after one article changed', compression.oneChanged],
] as const) {
  console.log(
    `compressed copies (the server, once a release is live), ${label}: ${pass.seconds} s for ${pass.files} files, ${pass.reused} of them unchanged`,
  );
}
console.log(
  `article page /${article.path}: HTML ${kB(article.html)} (${kB(article.htmlGzip)} gzipped) + CSS ${kB(article.css)} ` +
    `(${kB(article.cssGzip)} gzipped) = ${kB(article.htmlGzip + article.cssGzip)} gzipped; ${article.scripts} scripts`,
);
console.log(
  `largest page: ${oneChanged.stats.largestPage.path} ${kB(oneChanged.stats.largestPage.bytes)} (baseline: ${kB(baseline.stats.largestPage.bytes)})`,
);
for (const search of searches) {
  console.log(
    `first search for "${search.query}", ${hostLabels[search.host]}: ${kB(search.bytes)} transferred in ${search.requests.length} requests, ${search.results} result links`,
  );
}

const jsonFile = resolve(options.json ?? join(tmpdir(), `mca-benchmark-${options.articles}-${Date.now()}.json`));
writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`figures: ${jsonFile}`);
if (options.keep) console.log(`kept: ${work}`);
else rmSync(work, { recursive: true, force: true, maxRetries: 3 });
