import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { makeTempDir } from './temp-dirs.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildResult {
  status: number | null;
  output: string;
  outDir: string;
}

/**
 * Runs the real build (`scripts/build.ts`) in a child process, as `npm run build` does, into `outDir`
 * with its own content-layer cache. `env` chooses the content source.
 */
export function buildSite(env: Record<string, string | undefined>, outDir = join(makeTempDir('mca-site-'), 'dist')): BuildResult {
  const cacheDir = `${outDir}-cache`;
  const result = spawnSync(process.execPath, ['scripts/build.ts', '--out', outDir, '--cache-dir', cacheDir], {
    cwd: root,
    env: { ...process.env, SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: '', SITE_URL: 'https://mca.example', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  // Astro colours its log when it thinks it runs in CI; tests read the words.
  const output = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
  return { status: result.status, output, outDir };
}
