import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/**
 * A new temporary folder (in `parent`, by default the system's), removed after the test file by `removeTempDirs` (`tests/support/setup.ts`). */
export function makeTempDir(prefix: string, parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(join(parent, prefix));
  created.push(folder);
  return folder;
}

/** Removes every folder `makeTempDir` made. */
export function removeTempDirs(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}
