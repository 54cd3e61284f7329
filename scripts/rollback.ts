/**
 * Points the site (`LIVE_LINK`, `dist` by default) back at the release before the live one
 * (`npm run rollback`), or at a named release (`npm run rollback -- <release>`). Only the link moves: no
 * release is deleted, so a rollback can be undone with `npm run rollback -- <newer release>`. Reads
 * `LIVE_LINK` and `RELEASES_DIR` as the build does (`releases.ts`).
 */
import { parseArgs } from 'node:util';
import { describeFailure, FriendlyError } from '../schemas/friendly-error.ts';
import { parseSettings, ReleasesEnvSchema } from '../schemas/settings.ts';
import { listReleases, liveRelease, pointAt, type Release, type ReleasePaths, releasePaths } from './releases.ts';

export class RollbackError extends FriendlyError {
  override name = 'RollbackError';
}

/** Flips the link to the previous release, or to `to`; answers the releases before and after. */
export function rollback(paths: Pick<ReleasePaths, 'out' | 'releasesDir'>, to?: string): { from: Release | undefined; to: Release } {
  const releases = listReleases(paths.releasesDir);
  const current = liveRelease(paths.out, paths.releasesDir);
  let target: Release | undefined;
  if (to !== undefined) {
    target = releases.find((release) => release.id === to);
    if (!target) {
      throw new RollbackError(
        `No release "${to}" in ${paths.releasesDir}/. Releases: ${releases.map((release) => release.id).join(', ') || 'none'}.`,
      );
    }
  } else {
    if (!current) {
      throw new RollbackError(
        `${paths.out} does not point at a release in ${paths.releasesDir}/, so there is nothing to roll back from. ` +
          `Name a release: npm run rollback -- <release>.`,
      );
    }
    target = releases[releases.findIndex((release) => release.id === current.id) - 1];
    if (!target) throw new RollbackError(`${current.id} is the oldest release kept in ${paths.releasesDir}/: there is none before it.`);
  }
  pointAt(paths.out, target);
  return { from: current, to: target };
}

if (import.meta.main) {
  try {
    const { positionals } = parseArgs({ allowPositionals: true, options: {} });
    const settings = parseSettings(ReleasesEnvSchema, process.env, 'release');
    const paths = releasePaths(settings.LIVE_LINK, settings.RELEASES_DIR);
    const { from, to } = rollback(paths, positionals[0]);
    console.log(`${settings.LIVE_LINK} now points at release ${to.id}${from ? ` (was ${from.id})` : ''}.`);
  } catch (error) {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}
