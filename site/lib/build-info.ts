/**
 * `/build.json`, which every build writes (`site/integrations/build-info.ts`) and the Studio reads
 * (`studio/site-status.ts`) to tell an editor whether the site shows what was published.
 */

/** Where the build information is, from the site's root. */
export const buildInfoPath = 'build.json';

/** What `/build.json` holds. */
export interface BuildInfo {
  /** The build's time (ISO 8601): `BUILD_NOW`, or when it ran. */
  builtAt: string;
  /** The newest `_updatedAt` among the published documents the build read; `null` when none had one. */
  contentUpdatedAt: string | null;
}
