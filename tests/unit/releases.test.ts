import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { listReleases, prepareStaging, publishOutput, recoverOutput, releasePaths } from '../../scripts/releases.ts';
import { rollback } from '../../scripts/rollback.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

/** A finished build in this process's staging folder, whose home page says `text`, published. */
function publish(out: string, text: string, keep = 5) {
  const paths = releasePaths(out);
  prepareStaging(paths);
  writeFileSync(join(paths.staging, 'index.html'), text);
  return publishOutput(paths, { keep });
}

const home = (out: string) => readFileSync(join(out, 'index.html'), 'utf8');
const releaseIds = (out: string) => listReleases(releasePaths(out).releasesDir).map((release) => release.id);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

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

describe('releases', () => {
  it('makes each build a release in .<name>-releases, and the output a relative link to it', () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    const first = publish(out, 'one');
    expect(home(out)).toBe('one');
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toBe(join('.dist-releases', first.id));
    const second = publish(out, 'two');
    expect(home(out)).toBe('two');
    expect(releaseIds(out)).toEqual([first.id, second.id]);
    expect(readdirSync(dirname(out)).sort()).toEqual(['.dist-releases', 'dist']);
  });

  it('turns a plain output folder into the oldest release', () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'copied by hand');
    publish(out, 'built');
    expect(home(out)).toBe('built');
    const [oldest] = listReleases(releasePaths(out).releasesDir);
    expect(readFileSync(join(oldest?.path ?? '', 'index.html'), 'utf8')).toBe('copied by hand');
  });

  it('refuses a build that wrote nothing, and leaves the live release', () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    publish(out, 'live');
    const paths = releasePaths(out);
    prepareStaging(paths);
    expect(() => publishOutput(paths, { keep: 5 })).toThrow('wrote nothing');
    expect(home(out)).toBe('live');
  });

  it('keeps the newest KEEP_RELEASES, never the live one, and deletes the rest in the background', async () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    const { releasesDir } = releasePaths(out);
    for (const text of ['1', '2', '3']) publish(out, text, 5);
    const [oldest, middle, newest] = listReleases(releasesDir);
    rollback(releasePaths(out), oldest?.id);
    publish(out, '4', 2);
    // The live release was the oldest when the fourth went live: the rollback target stays until then.
    expect(releaseIds(out)).toEqual([newest?.id, expect.any(String)]);
    expect(releaseIds(out)).not.toContain(middle?.id);
    await vi.waitFor(() => expect(readdirSync(releasesDir).filter((name) => name.startsWith('.'))).toEqual([]), { timeout: 60_000 });
  });

  it('rolls back to the previous release and forward again by name; npm run rollback says so', () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    const paths = releasePaths(out);
    const first = publish(out, 'one');
    const second = publish(out, 'two');
    expect(rollback(paths)).toMatchObject({ from: { id: second.id }, to: { id: first.id } });
    expect(home(out)).toBe('one');
    expect(() => rollback(paths)).toThrow('oldest release');
    rollback(paths, second.id);
    expect(home(out)).toBe('two');
    expect(() => rollback(paths, 'nope')).toThrow('No release "nope"');

    const run = () =>
      spawnSync(process.execPath, ['scripts/rollback.ts'], { cwd: repoRoot, env: { ...process.env, LIVE_LINK: out }, encoding: 'utf8' });
    const back = run();
    expect(back.status).toBe(0);
    expect(back.stdout).toContain(`now points at release ${first.id} (was ${second.id})`);
    const again = run();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('oldest release');
    expect(again.stderr).not.toMatch(/\n\s+at /);
  });

  it('never leaves a moment without the site while it swaps', async () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    publish(out, 'first');
    const reader = await readContinuously(join(out, 'index.html'));
    try {
      // Releases are kept (no background deletions): what is measured is the swap alone.
      for (let build = 0; build < 100; build++) publish(out, `build ${build}`, 1000);
    } finally {
      expect(await reader.misses()).toBe(0);
    }
    expect(home(out)).toBe('build 99');
  });

  it('removes the staging folder a killed build left behind, and keeps one still being written', () => {
    const out = join(makeTempDir('mca-releases-'), 'dist');
    publish(out, 'live');
    const killed = releasePaths(out, undefined, deadPid()).staging;
    const running = releasePaths(out, undefined, process.ppid).staging;
    for (const folder of [killed, running]) mkdirSync(folder);
    recoverOutput(releasePaths(out));
    return vi.waitFor(
      () => {
        expect(existsSync(killed)).toBe(false);
        expect(existsSync(running)).toBe(true);
        expect(home(out)).toBe('live');
      },
      { timeout: 60_000 },
    );
  });

  it('brings the site back when a swap was cut short', () => {
    const out = join(makeTempDir('mca-releases-'), 'new', 'dist');
    publish(out, 'old');
    publish(out, 'new');
    // The state a crash leaves: the releases exist, the link does not.
    rmSync(out);
    recoverOutput(releasePaths(out));
    expect(home(out)).toBe('new');
  });
});
