import { existsSync, lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { removeInBackground } from '../../output-swap.ts';

/** A complete build of the site, kept under the releases folder. */
export interface Release {
  /** The folder name: the build's start time, so that names sort by age. */
  id: string;
  path: string;
}

/** Names such as `20250301T102030123Z`; `-2`, `-3` … only when two builds start in the same millisecond. */
const releaseName = /^\d{8}T\d{9}Z(-\d+)?$/;

/** The releases, oldest first. Staging folders of running builds (dot names) are not releases. */
export function listReleases(releasesDir: string): Release[] {
  if (!existsSync(releasesDir)) return [];
  return readdirSync(releasesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && releaseName.test(entry.name))
    .map((entry) => ({ id: entry.name, path: resolve(releasesDir, entry.name) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A new, unused release folder name for a build starting at `now`. */
export function newReleaseId(releasesDir: string, now: Date): string {
  const base = now.toISOString().replace(/[-:.]/g, '');
  let id = base;
  for (let n = 2; existsSync(join(releasesDir, id)); n++) id = `${base}-${n}`;
  return id;
}

/** The release the live link points at, if it points at one. */
export function liveRelease(liveLink: string, releasesDir: string): Release | undefined {
  let target: string;
  try {
    target = readlinkSync(liveLink);
  } catch {
    return undefined;
  }
  const path = resolve(dirname(liveLink), target);
  return listReleases(releasesDir).find((release) => release.path === path);
}

/**
 * Points the live link at a release atomically: a new symlink is made beside it and renamed over it,
 * so a reader sees either the old release or the new one, never a missing or half-written site.
 */
export function pointLiveAt(liveLink: string, release: Release): void {
  if (existsSync(liveLink) && !lstatSync(liveLink).isSymbolicLink()) {
    throw new Error(`${liveLink} exists and is not a symlink: move it away so that releases can go live through it.`);
  }
  const temporary = join(dirname(liveLink), `.${basename(liveLink)}-${process.pid}-${Date.now()}`);
  symlinkSync(relative(dirname(resolve(liveLink)), release.path), temporary, 'dir');
  try {
    renameSync(temporary, liveLink);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** A release being deleted: a dot name, so it is never listed, rolled back to or served again. */
const removingPrefix = '.removing-';

/**
 * Removes all but the newest `keep` releases; the live one is always kept. Answers the removed ids. Each
 * leaves the list at once (renamed) and is deleted by a background process, so the server goes on
 * answering while a large release's files go; folders whose deletion was cut short go with them.
 */
export function pruneReleases(releasesDir: string, liveLink: string, keep: number): string[] {
  const live = liveRelease(liveLink, releasesDir)?.id;
  const releases = listReleases(releasesDir);
  const removed: string[] = [];
  for (const release of releases.slice(0, Math.max(0, releases.length - keep))) {
    if (release.id === live) continue;
    renameSync(release.path, join(releasesDir, `${removingPrefix}${release.id}`));
    removed.push(release.id);
  }
  const leftovers = readdirSync(releasesDir).filter((name) => name.startsWith(removingPrefix));
  removeInBackground(leftovers.map((name) => join(releasesDir, name)));
  return removed;
}
