import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const created: string[] = [];

/**
 * A new temporary folder (in `parent`, by default the system's), removed after the test file by `removeTempDirs` (`tests/support/setup.ts`). */
export function makeTempDir(prefix: string, parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(join(parent, prefix));
  created.push(folder);
  return folder;
}

const projectScratch = fileURLToPath(new URL('../../node_modules/.cache/mca-tests/tmp/', import.meta.url));

/**
 * A temporary folder inside the project, for the releases of a server that builds with `scripts/build.ts`.
 * The server runs its builds in the project's folder, and Astro prerenders an output that lies outside that
 * folder in the project's `.astro/.prerender/`: two e2e files' servers building at once deleted each other's
 * files there. An output inside the project is prerendered in its own staging folder (`docs/operating.md`
 * keeps the releases there for the same reason).
 */
export const makeProjectTempDir = (prefix: string): string => makeTempDir(prefix, projectScratch);

/** Removes every folder `makeTempDir` made. */
export function removeTempDirs(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}
