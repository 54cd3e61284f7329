/**
 * The Studio's settings, read from `SANITY_STUDIO_*` variables (the environment or `studio/.env`).
 * Sanity inlines these variables into the Studio bundle at build time, so every one is read by its
 * full name: `process.env.SANITY_STUDIO_PROJECT_ID`, never through a copy of `process.env`. The checks are
 * the build's own (`schemas/settings.ts`); unlike the build, a bad value falls back, so a Studio always builds.
 */
import { httpUrl, sanityVars } from '../schemas/settings.ts';

/**
 * The project id a Studio is built with when `SANITY_STUDIO_PROJECT_ID` is not set, so that
 * `studio:build` works on a fresh clone. Such a Studio cannot sign in or load content.
 */
export const placeholderProjectId = 'set-sanity-studio-project-id';

/** The dataset when `SANITY_STUDIO_DATASET` is not set, as for the site (`SANITY_DATASET`). */
export const defaultDataset = 'production';

/** The variables the Studio reads. */
export interface StudioEnvInput {
  SANITY_STUDIO_PROJECT_ID?: string | undefined;
  SANITY_STUDIO_DATASET?: string | undefined;
  SANITY_STUDIO_SITE_URL?: string | undefined;
  SANITY_STUDIO_PREVIEW_URL?: string | undefined;
}

/** The Studio's settings, with what was missing. */
export interface StudioEnv {
  projectId: string;
  dataset: string;
  /** The public site, for "Open on site" links; `undefined` when not set. */
  siteUrl: string | undefined;
  /** The draft preview server (`npm run preview:server`) the Presentation tool shows; `undefined` when not set. */
  previewUrl: string | undefined;
  /** True when `projectId` is the placeholder. */
  isPlaceholder: boolean;
  /** Problems worth telling the user, one sentence each. */
  problems: string[];
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Reads and checks the variables; never throws, so the Studio can always be built. */
export function readStudioEnv(input: StudioEnvInput): StudioEnv {
  const problems: string[] = [];
  let projectId = clean(input.SANITY_STUDIO_PROJECT_ID);
  if (projectId && !sanityVars.projectId.safeParse(projectId).success) {
    problems.push(`SANITY_STUDIO_PROJECT_ID "${projectId}" is not a Sanity project id (only a-z, 0-9 and -).`);
    projectId = undefined;
  } else if (!projectId) {
    problems.push('SANITY_STUDIO_PROJECT_ID is not set.');
  }
  let dataset = clean(input.SANITY_STUDIO_DATASET) ?? defaultDataset;
  if (!sanityVars.dataset.safeParse(dataset).success) {
    problems.push(`SANITY_STUDIO_DATASET "${dataset}" is not a dataset name (a-z, 0-9, _ and -); using "${defaultDataset}".`);
    dataset = defaultDataset;
  }
  let siteUrl = clean(input.SANITY_STUDIO_SITE_URL);
  if (siteUrl && !httpUrl.safeParse(siteUrl).success) {
    problems.push(`SANITY_STUDIO_SITE_URL "${siteUrl}" is not an http(s) address; "Open on site" stays off.`);
    siteUrl = undefined;
  }
  let previewUrl = clean(input.SANITY_STUDIO_PREVIEW_URL);
  if (previewUrl && !httpUrl.safeParse(previewUrl).success) {
    problems.push(`SANITY_STUDIO_PREVIEW_URL "${previewUrl}" is not an http(s) address; the Presentation tool stays off.`);
    previewUrl = undefined;
  }
  return {
    projectId: projectId ?? placeholderProjectId,
    dataset,
    siteUrl: siteUrl?.replace(/\/+$/, ''),
    previewUrl: previewUrl?.replace(/\/+$/, ''),
    isPlaceholder: projectId === undefined,
    problems,
  };
}

/** What to do about missing or bad settings, for the terminal. */
export function describeStudioEnv(env: StudioEnv, command: 'dev' | 'build' | 'deploy'): string | undefined {
  if (env.problems.length === 0) return undefined;
  const lines = env.problems.map((problem) => `  - ${problem}`);
  const fix =
    'Set SANITY_STUDIO_PROJECT_ID (and SANITY_STUDIO_DATASET, default "production") in the environment or in ' +
    'studio/.env, e.g.\n    SANITY_STUDIO_PROJECT_ID=abc123xy\n    SANITY_STUDIO_DATASET=production\n' +
    '    SANITY_STUDIO_SITE_URL=https://www.example.org\n' +
    'The project id is on https://www.sanity.io/manage.';
  if (env.isPlaceholder && command === 'build') {
    return (
      `Studio settings:\n${lines.join('\n')}\n` +
      `Building with the placeholder project id "${placeholderProjectId}": the build works, but this Studio ` +
      `cannot sign in or load content. ${fix} Then build again.`
    );
  }
  if (env.isPlaceholder) {
    return `Cannot ${command === 'dev' ? 'start' : 'deploy'} the Studio:\n${lines.join('\n')}\n${fix}`;
  }
  return `Studio settings:\n${lines.join('\n')}`;
}
