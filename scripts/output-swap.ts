/**
 * How a finished build replaces the published folder without a moment where it is missing.
 *
 * A build renders into `.<name>-staging-<pid>` beside the output folder `<name>`. Then:
 * - `<name>` does not exist: the staging folder is renamed to it (one rename; a fresh `--out` folder,
 *   as the receiver's releases use, stays a plain folder);
 * - `<name>` exists: the staging folder becomes a release `.<name>-release-<time>-<pid>` and `<name>`
 *   is a symbolic link to it, replaced by renaming a new link over it. Renaming over a link is atomic,
 *   so readers always see the old site or the new one. Releases no link points to are renamed
 *   `.<name>-removing-…` and removed by a detached process: the new site is live by then, and deleting
 *   a large site's tens of thousands of files took seconds the build need not wait for.
 *
 * A plain folder cannot be replaced by a link in one step, so the first swap over a plain `<name>/`
 * moves it aside first; if the process dies between those two renames, {@link recoverOutput} links
 * the newest release at the start of the next build. Staging folders and releases of processes that no
 * longer run (a killed build) are removed then too.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The folders one build uses beside `out`. */
export interface OutputPaths {
  out: string;
  staging: string;
}

/** The staging folder of this process for `out`. */
export function outputPaths(out: string, pid = process.pid): OutputPaths {
  const absolute = resolve(out);
  return { out: absolute, staging: join(dirname(absolute), `.${basename(absolute)}-staging-${pid}`) };
}

/** True while a process with this id runs (one we may not signal runs too). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Sibling {
  path: string;
  kind: 'staging' | 'release' | 'removing';
  pid: number;
  /** Releases sort by it, oldest first. */
  order: string;
}

/** The staging folders and releases beside `out`, of any process. */
function siblings(out: string): Sibling[] {
  const name = basename(out);
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(staging|release|removing)(?:-(\\d+))?-(\\d+)$`);
  if (!existsSync(dirname(out))) return [];
  return readdirSync(dirname(out)).flatMap((entry) => {
    const match = pattern.exec(entry);
    if (!match) return [];
    const kind = match[1] as Sibling['kind'];
    return [{ path: join(dirname(out), entry), kind, pid: Number(match[3]), order: `${match[2] ?? ''}-${match[3]}` } satisfies Sibling];
  });
}

/** Where `out` points when it is a symbolic link, as an absolute path. */
function linkTarget(out: string): string | undefined {
  try {
    return lstatSync(out).isSymbolicLink() ? resolve(dirname(out), readlinkSync(out)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run before a build: removes staging folders of processes that no longer run (and unused releases
 * whose removal was cut short), and if `out` is missing while releases exist (a swap cut short), links
 * the newest one so the site is back.
 */
export async function recoverOutput(out: string): Promise<void> {
  const found = siblings(out);
  for (const stale of found.filter((entry) => entry.kind === 'staging' && !isRunning(entry.pid))) {
    await rm(stale.path, { recursive: true, force: true });
  }
  removeInBackground(found.filter((entry) => entry.kind === 'removing').map((entry) => entry.path));
  const target = linkTarget(out);
  if (existsSync(out) || (target && existsSync(target))) return;
  const newest = found.filter((entry) => entry.kind === 'release').sort((a, b) => a.order.localeCompare(b.order)).at(-1);
  if (newest) await pointAt(out, newest.path);
}

/** Replaces `out` with a link to `release` in one rename. */
async function pointAt(out: string, release: string): Promise<void> {
  const temporary = join(dirname(out), `.${basename(out)}-link-${process.pid}`);
  await rm(temporary, { force: true });
  await symlink(basename(release), temporary, 'dir');
  await rename(temporary, out);
}

type Remove = (path: string) => Promise<void>;
const removeTree: Remove = (path) => rm(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });

/**
 * Removes the staging folder of a build that failed, and never throws: the build's own error is what the
 * operator needs, and Astro may still be writing pages into the folder when its build rejects, so removing
 * it can fail (`ENOTEMPTY`). A folder left behind is removed by the next build ({@link recoverOutput}, or
 * its own staging folder's removal before it starts). Answers why it was left, to print after the error.
 */
export async function discardStaging(staging: string, remove: Remove = removeTree): Promise<string | undefined> {
  try {
    await remove(staging);
    return undefined;
  } catch (error) {
    return `The failed build's staging folder ${staging} was left for the next build to remove: ${(error as Error).message}`;
  }
}

let lastStamp = 0;
/** Release names sort by time; two swaps in one millisecond still get distinct names. */
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** Publishes a finished staging folder as `out` (see the module comment), then removes unused releases. */
export async function publishOutput({ out, staging }: OutputPaths): Promise<void> {
  const isLink = linkTarget(out) !== undefined;
  if (!isLink && !existsSync(out)) {
    await rename(staging, out);
    return;
  }
  const release = join(dirname(out), `.${basename(out)}-release-${nextStamp()}-${process.pid}`);
  await rename(staging, release);
  if (!isLink) {
    // A plain folder: move it aside as a release (recoverOutput links the newest if we stop here).
    await rename(out, join(dirname(out), `.${basename(out)}-release-0-${process.pid}`));
  }
  await pointAt(out, release);
  const current = linkTarget(out);
  const unused: string[] = [];
  for (const old of siblings(out)) {
    if (old.kind === 'release' && old.path !== current && (old.pid === process.pid || !isRunning(old.pid))) {
      const removing = old.path.replace(/-release-(?=\d+-\d+$)/, '-removing-');
      await rename(old.path, removing);
      unused.push(removing);
    }
  }
  removeInBackground(unused);
}

/**
 * Deletes folders in a detached process that outlives this one: deleting a large site's tens of thousands
 * of files takes seconds, which neither a build nor the centre's server (its releases) should wait for.
 */
export function removeInBackground(paths: readonly string[]): void {
  if (paths.length === 0) return;
  const script = 'for (const path of process.argv.slice(1)) require("node:fs").rmSync(path, { recursive: true, force: true });';
  spawn(process.execPath, ['-e', script, ...paths], { detached: true, stdio: 'ignore' }).unref();
}
