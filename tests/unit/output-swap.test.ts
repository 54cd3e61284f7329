import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { outputPaths, publishOutput, recoverOutput } from '../../scripts/output-swap.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

/** A finished build in this process's staging folder, whose home page says `text`. */
function stage(out: string, text: string) {
  const paths = outputPaths(out);
  mkdirSync(paths.staging, { recursive: true });
  writeFileSync(join(paths.staging, 'index.html'), text);
  return paths;
}

const home = (out: string) => readFileSync(join(out, 'index.html'), 'utf8');
const beside = (out: string) => readdirSync(join(out, '..')).sort();

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** Another process looks for `file` as fast as it can (once started) until asked how often it was missing. */
async function readContinuously(file: string): Promise<{ misses(): Promise<number> }> {
  const reader = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs'); let misses = 0;
       process.on('message', () => { process.send(misses, () => process.exit(0)); });
       process.send('ready');
       (function loop() { for (let i = 0; i < 2000; i++) { try { fs.statSync(${JSON.stringify(file)}); } catch { misses++; } } setImmediate(loop); })();`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  await new Promise((ready) => reader.once('message', ready));
  return {
    misses: () =>
      new Promise((resolve) => {
        reader.once('message', (count) => resolve(Number(count)));
        reader.send('done');
      }),
  };
}

describe('replacing the published folder', () => {
  it('renames the first build into place as a plain folder', async () => {
    const out = join(makeTempDir('mca-swap-'), 'dist');
    await publishOutput(stage(out, 'one'));
    expect(home(out)).toBe('one');
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(beside(out)).toEqual(['dist']);
  });

  it('turns a plain folder into a link to the new release, then flips the link, leaving only the live release', async () => {
    const out = join(makeTempDir('mca-swap-'), 'dist');
    await publishOutput(stage(out, 'one'));
    await publishOutput(stage(out, 'two'));
    expect(home(out)).toBe('two');
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    await publishOutput(stage(out, 'three'));
    expect(home(out)).toBe('three');
    // The unused releases are renamed at once and deleted by a process of their own.
    expect(beside(out).filter((entry) => entry.includes('-release-'))).toHaveLength(1);
    await vi.waitFor(() => expect(beside(out)).toEqual([expect.stringMatching(/^\.dist-release-\d+-\d+$/), 'dist']), { timeout: 60_000 });
  });

  it('never leaves a moment without the site while it swaps', async () => {
    const out = join(makeTempDir('mca-swap-'), 'dist');
    await publishOutput(stage(out, 'first'));
    await publishOutput(stage(out, 'second'));
    const reader = await readContinuously(join(out, 'index.html'));
    try {
      for (let build = 0; build < 300; build++) await publishOutput(stage(out, `build ${build}`));
    } finally {
      expect(await reader.misses()).toBe(0);
    }
    expect(home(out)).toBe('build 299');
  });

  it('removes the staging folder a killed build left behind, and keeps one still being written', async () => {
    const out = join(makeTempDir('mca-swap-'), 'dist');
    await publishOutput(stage(out, 'live'));
    const killed = outputPaths(out, deadPid()).staging;
    const running = outputPaths(out, process.ppid).staging;
    for (const folder of [killed, running]) mkdirSync(folder);
    await recoverOutput(out);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(home(out)).toBe('live');
  });

  it('builds into a folder whose parent does not exist yet', async () => {
    const out = join(makeTempDir('mca-swap-'), 'new', 'dist');
    await recoverOutput(out);
    await publishOutput(stage(out, 'fresh'));
    expect(home(out)).toBe('fresh');
  });

  it('brings the site back when a swap was cut short between its two renames', async () => {
    const out = join(makeTempDir('mca-swap-'), 'dist');
    await publishOutput(stage(out, 'old'));
    await publishOutput(stage(out, 'new'));
    // The state a crash leaves: the release exists, the link to it does not.
    renameSync(out, `${out}-gone`);
    await recoverOutput(out);
    expect(home(out)).toBe('new');
  });
});
