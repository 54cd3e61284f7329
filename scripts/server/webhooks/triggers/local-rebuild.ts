import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newReleaseId, pointLiveAt, pruneReleases, type Release } from '../releases.ts';

/** Builds the site into `outDir`; rejects when the build failed. */
export type BuildCommand = (outDir: string) => Promise<void>;

export interface LocalRebuildOptions {
  releasesDir: string;
  liveLink: string;
  /** Releases to keep, the live one included. */
  keep: number;
  build: BuildCommand;
  now?: () => Date;
  log?: (line: string) => void;
}

/**
 * A local rebuild: builds into a new release folder and, only when the build succeeded and wrote a
 * site, flips the live link to it and prunes old releases. A failed build removes its folder and
 * leaves the live link where it was.
 */
export function createLocalRebuild(options: LocalRebuildOptions): () => Promise<Release> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  return async () => {
    mkdirSync(options.releasesDir, { recursive: true });
    const id = newReleaseId(options.releasesDir, now());
    const path = join(options.releasesDir, id);
    const started = performance.now();
    try {
      await options.build(path);
      if (!existsSync(path) || readdirSync(path).length === 0) throw new Error(`the build wrote nothing into ${path}`);
    } catch (error) {
      rmSync(path, { recursive: true, force: true });
      throw error;
    }
    const release = { id, path };
    pointLiveAt(options.liveLink, release);
    const removed = pruneReleases(options.releasesDir, options.liveLink, options.keep);
    log(
      `release ${id} is live (built in ${((performance.now() - started) / 1000).toFixed(1)} s)` +
        (removed.length ? `; removed old releases ${removed.join(', ')}` : ''),
    );
    return release;
  };
}
