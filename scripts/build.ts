/**
 * Builds the site atomically: Astro renders and Pagefind indexes into a staging folder beside the
 * output folder, which replaces the output only when everything succeeded, in one rename
 * (`output-swap.ts`). A failed build leaves the previous site untouched and prints every problem at once.
 *
 *   node scripts/build.ts [--out dist] [--cache-dir node_modules/.astro]
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describeFailure } from '../schemas/friendly-error.ts';
import { checkOutputReuse } from './output-reuse.ts';
import { discardStaging, outputPaths, publishOutput, recoverOutput } from './output-swap.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds into `out`; answers `kept` when the previous output was reused (nothing that affects it changed). */
export async function buildSite(options: { out: string; cacheDir?: string | undefined }): Promise<'built' | 'kept'> {
  const paths = outputPaths(resolve(root, options.out));
  await recoverOutput(paths.out);
  const reuse = await checkOutputReuse({ root, out: paths.out, cacheDir: resolve(root, options.cacheDir ?? 'node_modules/.astro') });
  if (reuse.unchanged) {
    console.log(`Kept the previous build in ${options.out}/: ${reuse.reason}.`);
    return 'kept';
  }
  await rm(paths.staging, { recursive: true, force: true });
  const { build } = await import('astro');
  try {
    await build({
      root,
      outDir: paths.staging,
      ...(options.cacheDir ? { cacheDir: resolve(root, options.cacheDir) } : {}),
    });
  } catch (error) {
    const leftBehind = await discardStaging(paths.staging);
    if (leftBehind) console.warn(leftBehind);
    throw error;
  }
  await publishOutput(paths);
  await reuse.record();
  return 'built';
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'dist' }, 'cache-dir': { type: 'string' } },
  });
  const started = performance.now();
  try {
    const outcome = await buildSite({ out: values.out, cacheDir: values['cache-dir'] });
    if (outcome === 'built') console.log(`\nBuilt the site into ${values.out}/ in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    const kept = existsSync(resolve(root, values.out)) ? `${values.out}/ was left as it was` : `nothing was written to ${values.out}/`;
    console.error(`\nBuild failed; ${kept}.\n\n${describeFailure(error)}`);
    process.exitCode = 1;
  }
}
