import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timedRun } from '../../scripts/benchmark/measure.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

// A "build" that starts a helper holding 100 MB (twice what the build itself holds) and kills it without
// waiting for it, as Pagefind's Node API does with its indexer. The helper reports once its memory is in
// use; the build keeps it alive until the benchmark has seen it (the file `seen` appears), however long a
// busy machine takes to look.
const build = `
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
const helper = spawn(process.execPath, ['-e', "process.title = 'indexer'; globalThis.held = Buffer.alloc(100 * 1024 * 1024, 1); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ready) => helper.stdout.once('data', ready));
while (!existsSync('seen')) await new Promise((wait) => setTimeout(wait, 5));
helper.kill('SIGKILL');
helper.unref();
process.exit(0);
`;

describe('the benchmark’s peak memory', () => {
  it('counts a process the build starts and never waits for, and names it', async () => {
    const folder = makeTempDir('mca-measure-');
    writeFileSync(join(folder, 'build.mjs'), build);
    const seen = join(folder, 'seen');
    const run = await timedRun(['build.mjs'], {
      cwd: folder,
      env: process.env,
      log: join(folder, 'build.log'),
      sampleEveryMs: 20,
      onSample: (peaks) => {
        const helper = [...peaks.values()].find((peak) => peak.name === 'indexer' && peak.bytes > 100 * 1024 * 1024);
        if (helper && !existsSync(seen)) writeFileSync(seen, '');
      },
    });
    expect(run.peakMemory).toBeGreaterThan(100 * 1024 * 1024);
    expect(run.peakProcess).toBe('indexer');
  });
});
