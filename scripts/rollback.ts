/**
 * Points `live` back at the release before the live one (`npm run rollback`), or at a named release
 * (`npm run rollback -- <release>`). Only the link moves: no release is deleted, so a rollback can be
 * undone with `npm run rollback -- <newer release>`. Reads RELEASES_DIR and LIVE_LINK like the receiver.
 */
import { parseArgs } from 'node:util';
import { readReleasesConfig } from './server/config.ts';
import { listReleases, liveRelease, pointLiveAt, type Release } from './server/webhooks/releases.ts';
import { describeFailure, FriendlyError } from '../schemas/friendly-error.ts';

export class RollbackError extends FriendlyError {
  override name = 'RollbackError';
}

/** Flips the live link to the previous release, or to `to`; answers the releases before and after. */
export function rollback(options: { releasesDir: string; liveLink: string; to?: string | undefined }): { from: Release | undefined; to: Release } {
  const releases = listReleases(options.releasesDir);
  const current = liveRelease(options.liveLink, options.releasesDir);
  let target: Release | undefined;
  if (options.to !== undefined) {
    target = releases.find((release) => release.id === options.to);
    if (!target) {
      throw new RollbackError(
        `No release "${options.to}" in ${options.releasesDir}/. Releases: ${releases.map((release) => release.id).join(', ') || 'none'}.`,
      );
    }
  } else {
    if (!current) {
      throw new RollbackError(
        `${options.liveLink} does not point at a release in ${options.releasesDir}/, so there is nothing to roll back from. ` +
          `Name a release: npm run rollback -- <release>.`,
      );
    }
    target = releases[releases.findIndex((release) => release.id === current.id) - 1];
    if (!target) throw new RollbackError(`${current.id} is the oldest release kept in ${options.releasesDir}/: there is none before it.`);
  }
  pointLiveAt(options.liveLink, target);
  return { from: current, to: target };
}

if (import.meta.main) {
  try {
    const { positionals } = parseArgs({ allowPositionals: true, options: {} });
    const config = readReleasesConfig();
    const { from, to } = rollback({ releasesDir: config.RELEASES_DIR, liveLink: config.LIVE_LINK, to: positionals[0] });
    console.log(`${config.LIVE_LINK} now points at release ${to.id}${from ? ` (was ${from.id})` : ''}.`);
  } catch (error) {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}
