import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Folders that hold what a build made or installed, never its sources. */
const notSources = new Set(['node_modules', 'dist', '.sanity']);

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !notSources.has(name))
    .flatMap((name) => sourceFiles(join(path, name)));
}

/**
 * The folder in `node_modules/.cache/<name>/` for a build made from `sources` (paths from the project's root,
 * files or folders): it changes whenever one of their files does, so a test builds once per version of them.
 */
export function buildCacheFolder(name: string, sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of sources.flatMap((path) => sourceFiles(join(root, path))).sort()) hash.update(file).update(readFileSync(file));
  return join(root, 'node_modules/.cache', name, hash.digest('hex').slice(0, 16));
}
