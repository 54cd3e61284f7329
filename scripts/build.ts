/**
 * Builds the site atomically: Astro renders and Pagefind indexes into a staging folder, which becomes the
 * live release only when everything succeeded (`releases.ts`). A failed build leaves the previous site
 * untouched and prints every problem at once; an unchanged one keeps it (`output-reuse.ts`).
 *
 *   node scripts/build.ts [--out <LIVE_LINK>] [--cache-dir <BUILD_CACHE_DIR>]
 *
 * Settings: `LIVE_LINK` (default `dist`), `RELEASES_DIR`, `KEEP_RELEASES`, `BUILD_CACHE_DIR`
 * (`schemas/settings.ts`), besides the content's and the site's.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { describeFailure, isTransientFailure, transientFailureExitCode } from '../schemas/friendly-error.ts';
import { BuildEnvSchema, parseSettings } from '../schemas/settings.ts';
import { checkOutputReuse } from './output-reuse.ts';
import { prepareStaging, publishOutput, recoverOutput, releasePaths } from './releases.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BuildOptions {
  /** The link that is the published site. */
  out: string;
  releasesDir?: string | undefined;
  keep: number;
  /** The content-layer, image and Vite caches; `node_modules/.astro` when unset. */
  cacheDir?: string | undefined;
}

/**
 * Astro prints a line per page, and with `build.concurrency` above 1 those lines run into each other
 * (`├─ /404.html12:19:14 ├─ /about/…`, stray ` (+81ms)` lines). They are left out: Astro's
 * "N page(s) built" and the indexer's count say what a reader needs.
 */
function withoutPageLines(write: typeof process.stdout.write): { write: typeof process.stdout.write; flush(): void } {
  let partial = '';
  const pageLine = /├─ |└─ |^\s*\(\+[\d.]+m?s\)\s*$/;
  const keep = (line: string) => !pageLine.test(stripVTControlCharacters(line));
  return {
    write: ((chunk: string | Uint8Array) => {
      const lines = (partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))).split('\n');
      partial = lines.pop() ?? '';
      const kept = lines.filter(keep);
      if (kept.length > 0) write(`${kept.join('\n')}\n`);
      return true;
    }) as typeof process.stdout.write,
    flush() {
      if (partial && keep(partial)) write(`${partial}\n`);
      partial = '';
    },
  };
}

/** Builds into `out`; answers `kept` when the live release was reused (nothing that affects it changed). */
export async function buildSite(options: BuildOptions): Promise<'built' | 'kept'> {
  const paths = releasePaths(resolve(root, options.out), options.releasesDir && resolve(root, options.releasesDir));
  const cacheDir = resolve(root, options.cacheDir ?? 'node_modules/.astro');
  recoverOutput(paths);
  const reuse = await checkOutputReuse({ root, out: paths.out, cacheDir });
  if (reuse.unchanged) {
    console.log(`Kept the live release of ${options.out}: ${reuse.reason}.`);
    return 'kept';
  }
  prepareStaging(paths);
  const { build } = await import('astro');
  const stdout = process.stdout.write;
  const filter = withoutPageLines(stdout.bind(process.stdout));
  process.stdout.write = filter.write;
  try {
    // Vite's dependency cache goes with the others, so that a build writes only where its settings say.
    await build({ root, outDir: paths.staging, cacheDir, vite: { cacheDir: join(cacheDir, 'vite') } });
  } catch (error) {
    // The build's own error is the one to report: a failed clean-up is left for the next build's recovery.
    await rm(paths.staging, { recursive: true, force: true }).catch(() => {});
    throw error;
  } finally {
    filter.flush();
    process.stdout.write = stdout;
  }
  const release = publishOutput(paths, { keep: options.keep });
  await reuse.record();
  console.log(`Release ${release.id} is live at ${relative(root, paths.out) || paths.out}.`);
  return 'built';
}

if (import.meta.main) {
  const started = performance.now();
  let out = 'dist';
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, 'cache-dir': { type: 'string' } } });
    // The folder as given, until the settings say what it is: a failure to read them names the folder it left alone.
    out = values.out ?? (process.env['LIVE_LINK']?.trim() || out);
    const settings = parseSettings(BuildEnvSchema, process.env, 'build');
    out = values.out ?? settings.LIVE_LINK;
    const outcome = await buildSite({
      out,
      releasesDir: settings.RELEASES_DIR,
      keep: settings.KEEP_RELEASES,
      cacheDir: values['cache-dir'] ?? settings.BUILD_CACHE_DIR,
    });
    if (outcome === 'built') console.log(`Built the site in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    const kept = existsSync(resolve(root, out)) ? `${out}/ was left as it was` : `nothing was written to ${out}/`;
    console.error(`\nBuild failed; ${kept}.\n\n${describeFailure(error)}`);
    process.exitCode = isTransientFailure(error) ? transientFailureExitCode : 1;
  }
}
