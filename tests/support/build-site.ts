import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { makeProjectTempDir, makeTempDir } from './temp-dirs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

/**
 * Runs the real build (`scripts/build.ts`) in a child process, as `npm run build` does, into `outDir`
 * with its own content-layer cache. `env` chooses the content source. Asynchronous, so that a server
 * in the test's own process (the Content Lake stand-in) can answer the build, and so that a test can run
 * several at once.
 *
 * Each build runs in a working folder of its own inside the project (`makeProjectTempDir`, which says why).
 */
export function buildSite(env: Record<string, string | undefined>, outDir = join(makeTempDir('mca-site-'), 'dist')): Promise<BuildResult> {
  const cacheDir = `${outDir}-cache`;
  const args = [join(root, 'scripts/build.ts'), '--out', outDir, '--cache-dir', cacheDir];
  const workingFolder = makeProjectTempDir('build-');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: workingFolder,
        env: { ...process.env, SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: '', SITE_URL: 'https://mca.example', ...env },
        encoding: 'utf8',
        // A limit for a hung build, not a wait: a build can take minutes on a saturated machine.
        timeout: 900_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const killed = error?.killed ? `\nThe build was stopped (${error.signal}): it ran past the limit.` : '';
        // Astro colours its log when it thinks it runs in CI; tests read the words.
        const output = stripVTControlCharacters(`${stdout}\n${stderr}${killed}`);
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        rmSync(workingFolder, { recursive: true, force: true });
        resolve({ status, output, outDir });
      },
    );
  });
}

/** An output folder holding a "working site": a failed build must leave it alone, a good one replace it. */
export function previousSite(): string {
  const outDir = join(makeTempDir('mca-previous-'), 'dist');
  mkdirSync(outDir);
  writeFileSync(join(outDir, 'index.html'), '<h1>The previous, working site</h1>');
  return outDir;
}
