import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timedRun } from '../../scripts/benchmark/measure.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

// A "build" that starts a helper holding 300 MB and kills it without waiting for it, as Pagefind's Node
// API does with its indexer. The helper reports once its memory is in use; the build then keeps it
// alive for two seconds, ten times the benchmark's polling interval.
const build = `
import { spawn } from 'node:child_process';
const helper = spawn(process.execPath, ['-e', "process.title = 'indexer'; globalThis.held = Buffer.alloc(300 * 1024 * 1024, 1); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ready) => helper.stdout.once('data', ready));
await new Promise((wait) => setTimeout(wait, 2000));
helper.kill('SIGKILL');
helper.unref();
process.exit(0);
`;

describe('the benchmark’s peak memory', () => {
  it('counts a process the build starts and never waits for, and names it', async () => {
    const folder = makeTempDir('mca-measure-');
    writeFileSync(join(folder, 'build.mjs'), build);
    const run = await timedRun(['build.mjs'], { cwd: folder, env: process.env, log: join(folder, 'build.log') });
    expect(run.peakMemory).toBeGreaterThan(300 * 1024 * 1024);
    expect(run.peakProcess).toBe('indexer');
  });
});
