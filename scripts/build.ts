/**
 * Builds the site atomically: Astro renders and Pagefind indexes into a staging folder beside the
 * output folder, which replaces the output only when everything succeeded. A failed build leaves the
 * previous site untouched and prints every problem at once.
 *
 *   node scripts/build.ts [--out dist] [--cache-dir node_modules/.astro]
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describeFailure } from '../schemas/friendly-error.ts';
import { checkOutputReuse } from './output-reuse.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildSite(options: { out: string; cacheDir?: string | undefined }): Promise<void> {
  const out = resolve(root, options.out);
  const reuse = await checkOutputReuse({ root, out, cacheDir: resolve(root, options.cacheDir ?? 'node_modules/.astro') });
  if (reuse.unchanged) return console.log(`Kept the previous build in ${options.out}/: ${reuse.reason}.`);
  const staging = join(dirname(out), `.${basename(out)}-staging-${process.pid}`);
  const previous = join(dirname(out), `.${basename(out)}-previous-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const { build } = await import('astro');
  try {
    await build({
      root,
      outDir: staging,
      ...(options.cacheDir ? { cacheDir: resolve(root, options.cacheDir) } : {}),
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(out)) await rename(out, previous);
  await rename(staging, out);
  await rm(previous, { recursive: true, force: true });
  await reuse.record();
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'dist' }, 'cache-dir': { type: 'string' } },
  });
  const started = performance.now();
  try {
    await buildSite({ out: values.out, cacheDir: values['cache-dir'] });
    console.log(`\nBuilt the site into ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    const kept = existsSync(resolve(root, values.out)) ? `${values.out}/ was left as it was` : `nothing was written to ${values.out}/`;
    console.error(`\nBuild failed; ${kept}.\n\n${describeFailure(error)}`);
    process.exitCode = 1;
  }
}
