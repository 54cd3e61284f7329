/**
 * Lets a build keep the previous output when nothing it depends on changed. A build's fingerprint
 * covers the content (the id, type and revision of every published document: the version list the
 * incremental sync reads), the code (every file under `site/` and `schemas/`, the sample dataset, the
 * config, the package files and lockfile, the build scripts, the Node version) and the settings that
 * shape the output (environment variables such as `SITE_URL`, `SANITY_…`, `CONTACT_…`). After a
 * successful build the fingerprint is kept in the cache folder, with the output folder it describes;
 * the next build into that folder with the same fingerprint is skipped. An article scheduled between
 * the two builds changes what is public without changing a revision, so it forces a build too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { fetchPublishedVersions } from '../site/lib/content/sanity-loader.ts';
import { type ContentSource, openContentSource } from '../site/lib/content/sources/index.ts';

/** Files and folders of the project whose content shapes the output. */
const codePaths = [
  'site',
  'schemas',
  'sample-dataset',
  'astro.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/build.ts',
  'scripts/output-reuse.ts',
];

/** Environment variables that shape the output (read by the config, the content source or pages). */
const settingPattern = /^(SITE|SANITY|CONTACT|PUBLIC|ASTRO|BASE)_|^(NODE_ENV|TZ)$/;

/** Published articles whose publication time falls between two builds: scheduled ones going live. */
const articlesDueQuery = `count(*[_type == "article" && _id in path("*") && dateTime(publishedAt) > dateTime($since) && dateTime(publishedAt) <= dateTime($now)])`;

const StampSchema = z.object({
  /** The output folder the fingerprint describes. */
  out: z.string(),
  fingerprint: z.string(),
  /** When that build started (ISO): content scheduled after it may have gone live since. */
  builtAt: z.string(),
});
type Stamp = z.infer<typeof StampSchema>;

function filesUnder(root: string, path: string): string[] {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((file) => join(path, file))
    .filter((file) => statSync(join(root, file)).isFile())
    .sort();
}

/** A digest of the code and settings a build's output depends on. */
export function codeFingerprint(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256').update(process.version);
  for (const file of codePaths.flatMap((path) => filesUnder(root, path))) {
    hash.update(`\0${relative(root, join(root, file))}\0`).update(readFileSync(join(root, file)));
  }
  for (const name of Object.keys(env).filter((key) => settingPattern.test(key)).sort()) {
    hash.update(`\0${name}=${env[name]}`);
  }
  return hash.digest('hex');
}

/** A digest of the published content: every document's id, type and revision, from the build's source. */
export async function contentFingerprint(source: ContentSource): Promise<string> {
  const versions = await fetchPublishedVersions(source);
  const lines = versions.map((doc) => `${doc._id} ${doc._type} ${doc._rev ?? ''} ${doc._updatedAt ?? ''}`).sort();
  return createHash('sha256').update(source.mode).update(source.description).update(lines.join('\n')).digest('hex');
}

async function articlesDue(source: ContentSource, since: string, now: string): Promise<number> {
  const count = await source.fetch(articlesDueQuery, { since, now });
  return typeof count === 'number' ? count : Number.POSITIVE_INFINITY;
}

async function readStamp(file: string): Promise<Stamp | undefined> {
  try {
    return StampSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
}

export interface OutputReuse {
  /** True when the output folder already holds this build's result. */
  unchanged: boolean;
  /** Why the build runs or is skipped, for the log. */
  reason: string;
  /** Records a successful build into the output folder, for the next build to compare with. */
  record(): Promise<void>;
}

/**
 * Compares this build's fingerprint with the one kept for `out` in `cacheDir`. A fingerprint that
 * cannot be computed (an unreachable source, say) never reuses: the build runs and reports the problem.
 */
export async function checkOutputReuse(options: { root: string; out: string; cacheDir: string }): Promise<OutputReuse> {
  const stampFile = join(options.cacheDir, 'output-fingerprint.json');
  const startedAt = new Date().toISOString();
  let fingerprint: string | undefined;
  let reason: string;
  try {
    const source = await openContentSource();
    fingerprint = createHash('sha256')
      .update(codeFingerprint(options.root))
      .update(await contentFingerprint(source))
      .digest('hex');
    const stamp = await readStamp(stampFile);
    if (!stamp || stamp.out !== options.out) reason = 'no earlier build into this folder is recorded';
    else if (!existsSync(join(options.out, 'index.html'))) reason = 'the output folder is missing or incomplete';
    else if (stamp.fingerprint !== fingerprint) reason = 'the content, code or settings changed';
    else if ((await articlesDue(source, stamp.builtAt, startedAt)) > 0) reason = 'a scheduled article is due';
    else reason = '';
  } catch (error) {
    fingerprint = undefined;
    reason = `the content could not be fingerprinted (${(error as Error).message.split('\n')[0]})`;
  }
  // The output is about to be replaced: until the new build is recorded, nothing may match it.
  if (reason !== '') await rm(stampFile, { force: true });
  return {
    unchanged: fingerprint !== undefined && reason === '',
    reason: reason || 'nothing changed since the last build',
    async record() {
      if (!fingerprint) return;
      await mkdir(options.cacheDir, { recursive: true });
      await writeFile(stampFile, JSON.stringify({ out: options.out, fingerprint, builtAt: startedAt } satisfies Stamp));
    },
  };
}
