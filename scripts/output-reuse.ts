/**
 * Lets a build keep the previous output when nothing it depends on changed. A build's fingerprint
 * covers the content (the revision of every published document: the version list the incremental sync
 * reads, as the build's own sync stored it), the code (every file under `site/` and `schemas/`, the
 * sample dataset, the config, the package files and lockfile, the build scripts, the Node version) and
 * the settings that shape the output (environment variables such as `SITE_URL`, `SANITY_…`,
 * `CONTACT_…`). After a successful build the fingerprint is kept in the cache folder with the output
 * folder it describes; the next build into that folder asks the source for the version list and is
 * skipped when nothing differs. An article whose publication time passed between the two builds
 * changes what is public without a new revision, so it forces a build too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { articlesDueQuery } from '../schemas/queries.ts';
import { buildNow } from '../site/lib/build-clock.ts';
import { fetchPublishedVersions, syncedContent, versionOf } from '../site/lib/content/sanity-loader.ts';
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
  'scripts/releases.ts',
];

/** Environment variables that shape the output (read by the config, the content source or pages). */
const settingPattern = /^(SITE|SANITY|CONTACT|PUBLIC|ASTRO|BASE)_|^(NODE_ENV|TZ|BUILD_NOW)$/;

const StampSchema = z.object({
  /** The output (the link) the fingerprints describe. */
  out: z.string(),
  /** The release it pointed at: after a rollback it points at another, which this build did not make. */
  release: z.string(),
  /** `codeFingerprint` of the build. */
  code: z.string(),
  /** `contentFingerprint` of what the build synced. */
  content: z.string(),
  /** When that build started (ISO): an article due after it may have gone live since. */
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
  for (const name of Object.keys(env)
    .filter((key) => settingPattern.test(key))
    .sort()) {
    hash.update(`\0${name}=${env[name]}`);
  }
  return hash.digest('hex');
}

/** A digest of the published content: the source and the version of every document, by id. */
export function contentFingerprint(source: string, versions: Readonly<Record<string, string>>): string {
  const lines = Object.entries(versions).map(([id, version]) => `${id} ${version}`);
  return createHash('sha256').update(source).update(lines.sort().join('\n')).digest('hex');
}

/** The content fingerprint of what the source publishes now. */
async function currentContent(source: ContentSource): Promise<string> {
  const published = await fetchPublishedVersions(source);
  return contentFingerprint(`${source.mode}:${source.description}`, Object.fromEntries(published.map((doc) => [doc._id, versionOf(doc)])));
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
 * Compares this build with the one recorded for `out` in `cacheDir`, cheapest check first: the source
 * is asked only when the code and settings match. Content that cannot be read never reuses: the build
 * runs and reports the problem.
 */
export async function checkOutputReuse(options: { root: string; out: string; cacheDir: string }): Promise<OutputReuse> {
  const stampFile = join(options.cacheDir, 'output-fingerprint.json');
  // The build's own "now" (`BUILD_NOW` or the real time), the one that decides which articles are due.
  const startedAt = buildNow().toISOString();
  const code = codeFingerprint(options.root);
  const stamp = await readStamp(stampFile);
  let reason = '';
  if (!stamp || stamp.out !== options.out) reason = 'no earlier build into this folder is recorded';
  else if (!existsSync(join(options.out, 'index.html'))) reason = 'the output folder is missing or incomplete';
  else if (realpathSync(options.out) !== stamp.release) reason = 'another release was made live since (a rollback)';
  else if (stamp.code !== code) reason = 'the code or settings changed';
  else {
    try {
      const source = await openContentSource();
      if ((await currentContent(source)) !== stamp.content) reason = 'the content changed';
      else if ((await articlesDue(source, stamp.builtAt, startedAt)) > 0) reason = 'a scheduled article is due';
    } catch (error) {
      reason = `the content could not be read (${(error as Error).message.split('\n')[0]})`;
    }
  }
  // The output is about to be replaced: until the new build is recorded, nothing may match it.
  if (reason !== '') await rm(stampFile, { force: true });
  syncedContent().current = undefined;
  return {
    unchanged: reason === '',
    reason: reason || 'nothing changed since the last build',
    async record() {
      const synced = syncedContent().current;
      // A build whose content sync is unknown is never reused.
      if (!synced) return;
      await mkdir(options.cacheDir, { recursive: true });
      const content = contentFingerprint(synced.source, synced.versions);
      const release = realpathSync(options.out);
      await writeFile(stampFile, JSON.stringify({ out: options.out, release, code, content, builtAt: startedAt } satisfies Stamp));
    },
  };
}
