import * as z from 'zod';

/** The API version every live query uses; pinned so a Content Lake change cannot alter results silently. */
export const defaultApiVersion = '2025-02-19';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** An optional variable: unset and blank are the same. */
export const optionalVar = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The variables the build and the content scripts read alike, each checked the same way. */
export const sanityVars = {
  projectId: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be a Sanity project id (a-z, 0-9, -)' }),
  dataset: z.string().regex(/^[a-z0-9_-]{1,64}$/, { error: 'must be a dataset name (a-z, 0-9, _, -)' }),
  /** The pinned API version (YYYY-MM-DD). */
  apiVersion: z.preprocess(
    blankToUndefined,
    z.string().regex(/^v?\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as 2025-02-19' }).default(defaultApiVersion),
  ),
  /** Another API host, such as a local Content Lake stand-in in tests. */
  apiHost: z.url({ error: 'must be a URL such as https://api.sanity.io' }),
};

/** The environment variables that choose and configure the content source (`CONTENT-MODEL.md`). */
export const ContentEnvSchema = z.object({
  /** Live mode: the Sanity project to read. */
  SANITY_PROJECT_ID: optionalVar(sanityVars.projectId),
  /** Live mode: the dataset. */
  SANITY_DATASET: z.preprocess(blankToUndefined, sanityVars.dataset.default('production')),
  /** Live mode: the pinned API version. */
  SANITY_API_VERSION: sanityVars.apiVersion,
  /** Live mode: a read token for private datasets; never logged or written to the site. */
  SANITY_API_READ_TOKEN: optionalVar(z.string()),
  /** Live mode: another API host, such as a local Content Lake stand-in in tests. */
  SANITY_API_HOST: optionalVar(sanityVars.apiHost),
  /** File mode: a dataset export (`.tar.gz`, an unpacked folder, or `.ndjson`). */
  SANITY_EXPORT_FILE: optionalVar(z.string()),
});

export type ContentEnv = z.infer<typeof ContentEnvSchema>;

/** Reads the content variables, naming each bad one. */
export function readContentEnv(env: NodeJS.ProcessEnv = process.env): ContentEnv {
  const result = ContentEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid content settings in the environment:\n${lines.join('\n')}`);
}
