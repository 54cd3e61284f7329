import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transientFailureExitCode } from '../../../schemas/friendly-error.ts';
import { ContentEnvSchema, SiteEnvSchema } from '../../../schemas/settings.ts';
import { RebuildError } from './build-queue.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** What a build reads from the environment besides its own settings: the system's, and proxies to the Content Lake. */
const systemVariables = [
  'PATH',
  'HOME',
  'TMPDIR',
  'TZ',
  'LANG',
  'LC_ALL',
  'NODE_EXTRA_CA_CERTS',
  'NODE_USE_ENV_PROXY',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
];

/**
 * The environment of a local build: the content's and the site's settings, and the system's, from `env`.
 * Nothing else: the server's secrets (the webhook secret, the contact secret, SMTP, GitHub) stay in the server.
 */
export function buildEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = [...systemVariables, ...Object.keys(ContentEnvSchema.shape), ...Object.keys(SiteEnvSchema.shape)];
  const picked = Object.fromEntries(names.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
  return picked;
}

export interface BuildScriptOptions {
  /** The site's link (`LIVE_LINK`); a relative path is taken from this process's working folder. */
  out: string;
  /** `RELEASES_DIR`, `KEEP_RELEASES` and `BUILD_CACHE_DIR` of the server's settings. */
  settings: { RELEASES_DIR?: string | undefined; KEEP_RELEASES: number; BUILD_CACHE_DIR?: string | undefined };
  /** The content's and the site's settings; this process's environment by default. */
  env?: NodeJS.ProcessEnv;
  /** Ends the build (it then counts as failed). */
  signal?: AbortSignal;
  /** Ends a build that takes longer (it then counts as failed, and is tried again). */
  timeoutMs?: number;
  /** Receives each line the build prints. */
  log?: (line: string) => void;
}

/**
 * Runs `node scripts/build.ts` with this process's Node, as `npm run build` does. Rejects with the end of
 * the build's output when it fails, times out or is stopped, as a `RebuildError` whose summary leaves the
 * output out and which is retryable only when the content could not be read or the build timed out.
 */
export function runBuildScript(options: BuildScriptOptions): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 15 * 60 * 1000;
  const { settings } = options;
  const env: NodeJS.ProcessEnv = {
    ...buildEnvironment(options.env ?? process.env),
    KEEP_RELEASES: String(settings.KEEP_RELEASES),
    ...(settings.RELEASES_DIR ? { RELEASES_DIR: resolvePath(settings.RELEASES_DIR) } : {}),
    ...(settings.BUILD_CACHE_DIR ? { BUILD_CACHE_DIR: resolvePath(settings.BUILD_CACHE_DIR) } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.ts', '--out', resolvePath(options.out)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a time-out or a stop ends the build's children too.
      detached: true,
    });
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        options.log?.(line);
        tail.push(line);
        if (tail.length > 40) tail.shift();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    let timedOut = false;
    const end = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already ended
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      end();
    }, timeoutMs);
    options.signal?.addEventListener('abort', end, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', end);
    };
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('close', (code, signal) => {
      done();
      if (code === 0) return resolve();
      const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s`
        : options.signal?.aborted
          ? 'stopped'
          : `exit code ${code ?? signal}`;
      // Anything but unreadable content or a time-out fails again until an editor changes something, and that
      // change asks for a new build anyway: retrying it would only repeat the failure.
      const transient = timedOut || code === transientFailureExitCode;
      reject(
        new RebuildError(
          `The build failed (${why}):\n${tail.join('\n')}`,
          transient ? `the local build failed (${why})` : 'the local build failed on the content or the code',
          transient,
        ),
      );
    });
  });
}
