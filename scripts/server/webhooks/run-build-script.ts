import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RebuildError } from './build-queue.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface BuildScriptOptions {
  /** The content-layer cache (`--cache-dir`); the same folder for every build keeps content sync incremental. */
  cacheDir?: string | undefined;
  /** Ends a build that takes longer (it then counts as failed). */
  timeoutMs?: number;
  /** Receives each line the build prints. */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `node scripts/build.ts --out <dir> [--cache-dir <dir>]` with this process's Node and environment
 * (so the content mode is the receiver's: live when SANITY_PROJECT_ID is set). Relative paths are taken
 * from this process's working folder, not the repository's. Rejects with the end of the build's output
 * when it fails or times out (a `RebuildError`, whose summary leaves the output out).
 */
export function runBuildScript(outDir: string, options: BuildScriptOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15 * 60 * 1000;
  return new Promise((resolve, reject) => {
    const args = ['scripts/build.ts', '--out', resolvePath(outDir)];
    if (options.cacheDir) args.push('--cache-dir', resolvePath(options.cacheDir));
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a time-out ends the build's children too.
      detached: true,
    });
    const tail: string[] = [];
    let invalidContent = false;
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        if (line.includes('Invalid content in ')) invalidContent = true;
        options.log?.(line);
        tail.push(line);
        if (tail.length > 40) tail.shift();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `exit code ${code ?? signal}`;
      // Invalid content (the build's own "Invalid content in …" report) fails again until an editor fixes it
      // and publishes, which asks for a new build anyway: retrying it would only repeat the failure.
      reject(
        new RebuildError(
          `The build failed (${why}):\n${tail.join('\n')}`,
          invalidContent ? 'the local build found invalid content' : `the local build failed (${why})`,
          !invalidContent,
        ),
      );
    });
  });
}
