import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareStaging, publishOutput, releasePaths } from '../../scripts/releases.ts';

export interface FakeBuild {
  /** A `BuildCommand` for the server: writes a one-page site and makes it the live release of `out`. */
  build(out: string): Promise<void>;
  /** The links built into, in order. */
  readonly calls: string[];
  /** The number of builds running right now, and the most that ever ran at once. */
  readonly running: number;
  readonly maxRunning: number;
  /** Makes the next build fail, after it wrote part of a site. */
  failNext(): void;
}

/** A quick stand-in for `node scripts/build.ts --out <link>`, taking `durationMs`, publishing as the build does. */
export function createFakeBuild(options: { durationMs?: number } = {}): FakeBuild {
  const calls: string[] = [];
  let running = 0;
  let maxRunning = 0;
  let failNext = false;
  return {
    calls,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    failNext() {
      failNext = true;
    },
    async build(out) {
      calls.push(out);
      running++;
      maxRunning = Math.max(maxRunning, running);
      const paths = releasePaths(out);
      try {
        const fail = failNext;
        failNext = false;
        prepareStaging(paths);
        await writeFile(join(paths.staging, 'index.html'), `<h1>build ${calls.length}</h1>\n`);
        await new Promise((done) => setTimeout(done, options.durationMs ?? 20));
        if (fail) {
          await rm(paths.staging, { recursive: true, force: true });
          throw new Error(`fake build ${calls.length} failed: invalid content`);
        }
        await mkdir(paths.staging, { recursive: true });
        await writeFile(join(paths.staging, '404.html'), '<h1>Not found</h1>\n');
        publishOutput(paths, { keep: 5 });
      } finally {
        running--;
      }
    },
  };
}
