import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Whether the process that wrote the lock file `lock` still runs (or is still writing it). */
function lockHolderRuns(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `build` holding the lock `name`, so that e2e files running side by side make a build they share once:
 * a file that finds the lock taken waits until it is given back, then finds the build made. A lock left by a
 * process that has ended (a stopped run) is taken over.
 */
export async function withBuildLock<T>(name: string, build: () => Promise<T> | T): Promise<T> {
  const lock = join(root, 'node_modules/.cache/mca-tests/locks', name);
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lockHolderRuns(lock)) await sleep(200);
    else rmSync(lock, { force: true });
  }
  try {
    return await build();
  } finally {
    rmSync(lock, { force: true });
  }
}
