import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { buildCacheFolder, withBuildLock } from './build-cache.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The draft preview server (`npm run preview:build`) built for tests: built once for each version of what
 * it is made of (the site, the schemas, its settings, this file and the locked packages) and kept in
 * `node_modules/.cache`, inside the project, where the server finds the project's packages.
 */
export async function buildPreviewServer(): Promise<string> {
  const outDir = buildCacheFolder('mca-test-preview', [
    'site',
    'schemas',
    'astro.preview.config.mjs',
    'tsconfig.json',
    'package-lock.json',
    'tests/support/preview-server.ts',
  ]);
  // The build writes its own folder's path into the server, so it is built in place and marked done last.
  const done = join(outDir, 'built');
  if (existsSync(done)) return outDir;
  await withBuildLock('test-preview', async () => {
    if (existsSync(done)) return;
    rmSync(outDir, { recursive: true, force: true });
    await buildPreview(outDir);
    writeFileSync(done, '');
  });
  return outDir;
}

function buildPreview(outDir: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--config', 'astro.preview.config.mjs', '--outDir', outDir],
      {
        cwd: root,
        // The one setting the build reads (`astro.preview.config.mjs`), the same for every test that shares the
        // build. `NODE_ENV` as `npm run preview:build` has it: Vitest's `test` would bundle React's development
        // build into the preview's visual editing.
        env: { ...process.env, NODE_ENV: 'production', SANITY_PROJECT_ID: '', SANITY_EXPORT_FILE: '', SITE_URL: 'https://mca.example' },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 900_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`The preview build failed:\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

export interface RunningPreviewServer {
  url: string;
  output: () => string;
  close(): Promise<void>;
}

/** Starts a built preview server on a free port of 127.0.0.1 with `env` (its Content Lake settings). */
export async function startPreviewServer(outDir: string, env: Record<string, string>): Promise<RunningPreviewServer> {
  const child: ChildProcess = spawn(process.execPath, [join(outDir, 'server/entry.mjs')], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The preview server did not start:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`The preview server exited (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
