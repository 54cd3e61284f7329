import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FakeBuild {
  /** A `BuildCommand` for the local rebuild: writes a one-page site into the folder. */
  build(outDir: string): Promise<void>;
  /** The folders built into, in order. */
  readonly calls: string[];
  /** The number of builds running right now, and the most that ever ran at once. */
  readonly running: number;
  readonly maxRunning: number;
  /** Makes the next build fail, after it wrote part of a site. */
  failNext(): void;
}

/** A quick stand-in for `node scripts/build.ts --out <dir>`, taking `durationMs`. */
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
    async build(outDir) {
      calls.push(outDir);
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        const fail = failNext;
        failNext = false;
        await mkdir(outDir, { recursive: true });
        await writeFile(join(outDir, 'index.html'), `<h1>build ${calls.length}</h1>\n`);
        await new Promise((done) => setTimeout(done, options.durationMs ?? 20));
        if (fail) throw new Error(`fake build ${calls.length} failed: invalid content`);
        await writeFile(join(outDir, '404.html'), '<h1>Not found</h1>\n');
      } finally {
        running--;
      }
    },
  };
}
