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
 * A temporary folder inside the project, for a build's working folder or a server's releases. Astro bundles the
 * pages it prerenders in `<working folder>/.astro/.prerender/` when the output lies outside the working folder
 * (else in the output's own staging folder), and two builds sharing that folder deleted each other's files. The
 * folder is inside the project so that those bundles find the project's packages.
 */
export const makeProjectTempDir = (prefix: string): string => makeTempDir(prefix, projectScratch);

/** Removes every folder `makeTempDir` made. */
export function removeTempDirs(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}
