/**
 * Releases: how a build replaces the published site without a moment where it is missing, and how an
 * older site comes back (`npm run rollback`). `npm run build` and the server's rebuilds both go through it.
 *
 * The site (`LIVE_LINK`, `dist` by default) is a symbolic link to a release: a folder `<releases>/<time>`
 * named by when it went live. A build renders into `<releases>/.staging-<pid>`; only when it succeeded is
 * that folder renamed to a release and a new link renamed over the old one. Renaming over a link is
 * atomic, so a reader sees the old site or the new one, never none. The newest `KEEP_RELEASES` stay for
 * rollback, the live one always; older ones are renamed `.removing-<time>` (off the list at once) and
 * deleted by a detached process: deleting a large site's tens of thousands of files takes seconds that
 * neither a build nor the server should wait for.
 *
 * The releases folder is `RELEASES_DIR`, by default `.<name>-releases` beside the link (`.dist-releases`).
 * A plain folder where the link belongs (an older build, a copied site) becomes the first release. If a
 * process dies between two renames, {@link recoverOutput} links the newest release at the start of the next
 * build; staging folders of processes that no longer run are removed then too.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** The paths one build uses. */
export interface ReleasePaths {
  /** The link that is the published site. */
  out: string;
  releasesDir: string;
  /** Where this process renders before the result becomes a release. */
  staging: string;
}

/** A complete build of the site, kept in the releases folder. */
export interface Release {
  /** The folder name: when it went live, so that names sort by age. */
  id: string;
  path: string;
}

export function releasePaths(out: string, releasesDir?: string, pid = process.pid): ReleasePaths {
  const link = resolve(out);
  const folder = resolve(releasesDir ?? join(dirname(link), `.${basename(link)}-releases`));
  return { out: link, releasesDir: folder, staging: join(folder, `.staging-${pid}`) };
}

/** Names such as `20250301T102030123Z`; `-2`, `-3` … only when two releases go live in one millisecond. */
const releaseName = /^\d{8}T\d{9}Z(-\d+)?$/;
const removingPrefix = '.removing-';

/** The releases, oldest first. Dot names (staging folders, releases being removed) are not releases. */
export function listReleases(releasesDir: string): Release[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && releaseName.test(entry.name))
    .map((entry) => ({ id: entry.name, path: join(releasesDir, entry.name) }))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** Where `out` points when it is a symbolic link, as an absolute path. */
function linkTarget(out: string): string | undefined {
  try {
    return lstatSync(out).isSymbolicLink() ? resolve(dirname(out), readlinkSync(out)) : undefined;
  } catch {
    return undefined;
  }
}

/** The release the link points at, if it points at one. */
export function liveRelease(out: string, releasesDir: string): Release | undefined {
  const target = linkTarget(out);
  return listReleases(releasesDir).find((release) => release.path === target);
}

function newReleaseId(releasesDir: string, at: Date): string {
  const base = at.toISOString().replace(/[-:.]/g, '');
  let id = base;
  for (let n = 2; existsSync(join(releasesDir, id)); n++) id = `${base}-${n}`;
  return id;
}

/** Points the link at `release` in one rename of a new link over it. */
export function pointAt(out: string, release: Release): void {
  const temporary = join(dirname(out), `.${basename(out)}-link-${process.pid}`);
  rmSync(temporary, { force: true });
  symlinkSync(relative(dirname(out), release.path), temporary, 'dir');
  try {
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
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

/**
 * Run before a build: removes staging folders of processes that no longer run and releases whose removal
 * was cut short, and if the link is missing or broken while releases exist (a swap cut short), links the
 * newest one so that the site is back.
 */
export function recoverOutput(paths: ReleasePaths): void {
  if (!existsSync(paths.releasesDir)) return;
  const leftovers: string[] = [];
  for (const entry of readdirSync(paths.releasesDir)) {
    const staging = /^\.staging-(\d+)$/.exec(entry);
    if ((staging && !isRunning(Number(staging[1]))) || entry.startsWith(removingPrefix)) leftovers.push(join(paths.releasesDir, entry));
  }
  removeInBackground(leftovers);
  if (existsSync(paths.out)) return;
  const newest = listReleases(paths.releasesDir).at(-1);
  if (newest) pointAt(paths.out, newest);
}

/**
 * Makes the finished staging folder the live release (see the module comment), then keeps only the newest
 * `keep` releases. Refuses a staging folder that is empty: that build wrote no site.
 */
export function publishOutput(paths: ReleasePaths, options: { keep: number; now?: Date }): Release {
  if (!existsSync(paths.staging) || readdirSync(paths.staging).length === 0)
    throw new Error(`the build wrote nothing into ${paths.staging}`);
  if (existsSync(paths.out) && !lstatSync(paths.out).isSymbolicLink()) {
    // A plain folder: it becomes the oldest release (if we stop before the link, recoverOutput links the newest).
    renameSync(paths.out, join(paths.releasesDir, newReleaseId(paths.releasesDir, statSync(paths.out).mtime)));
  }
  const id = newReleaseId(paths.releasesDir, options.now ?? new Date());
  const release = { id, path: join(paths.releasesDir, id) };
  renameSync(paths.staging, release.path);
  pointAt(paths.out, release);
  pruneReleases(paths, options.keep);
  return release;
}

/** Creates the staging folder (and the releases folder), emptied of anything an earlier run left. */
export function prepareStaging(paths: ReleasePaths): void {
  rmSync(paths.staging, { recursive: true, force: true });
  mkdirSync(paths.staging, { recursive: true });
}

/** Takes all but the newest `keep` releases off the list, never the live one; answers the removed ids. */
export function pruneReleases(paths: ReleasePaths, keep: number): string[] {
  const live = liveRelease(paths.out, paths.releasesDir)?.id;
  const releases = listReleases(paths.releasesDir);
  const removed: string[] = [];
  for (const release of releases.slice(0, Math.max(0, releases.length - keep))) {
    if (release.id === live) continue;
    const removing = join(paths.releasesDir, `${removingPrefix}${release.id}`);
    renameSync(release.path, removing);
    removeInBackground([removing]);
    removed.push(release.id);
  }
  return removed;
}

/** Deletes folders in a detached process that outlives this one. */
function removeInBackground(paths: readonly string[]): void {
  if (paths.length === 0) return;
  const script = 'for (const path of process.argv.slice(1)) require("node:fs").rmSync(path, { recursive: true, force: true });';
  spawn(process.execPath, ['-e', script, ...paths], { detached: true, stdio: 'ignore' }).unref();
}
