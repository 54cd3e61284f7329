/**
 * Marks friendly errors. A registered symbol, not `instanceof`: Astro runs loaders and pages through
 * Vite's module runner, which loads its own copy of this module, so a loader's error is an instance
 * of another `FriendlyError` class than the one `scripts/build.ts` imports.
 */
const friendly = Symbol.for('mca.friendly-error');

/**
 * An error whose message already says what is wrong and what to do (an invalid document, an
 * unreachable Content Lake, a missing setting): commands print the message alone, without a stack.
 * Anything else is a bug and is printed with its stack.
 */
export class FriendlyError extends Error {
  readonly [friendly] = true;
}

function isFriendly(error: Error): boolean {
  return (error as Error & { [friendly]?: unknown })[friendly] === true;
}

/** The first friendly error in `error`'s cause chain, where the build wraps what a loader threw. */
function findFriendlyError(error: unknown): Error | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (isFriendly(current)) return current;
  }
  return undefined;
}

/** What a command prints for a failure: the friendly message, or the whole stack of a bug. */
export function describeFailure(error: unknown): string {
  const found = findFriendlyError(error);
  if (found) return found.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Failures of reading the content or its images: the Content Lake or the image CDN may answer later. */
const transientFailures = new Set(['ContentSourceError', 'ImageFileError']);

/**
 * The exit code of a build that failed only because content could not be read (sysexits' EX_TEMPFAIL):
 * the server tries such a build again later. Any other failure (invalid content, a page that cannot be
 * rendered) fails the same way until an editor changes something, which asks for a new build anyway.
 */
export const transientFailureExitCode = 75;

/** True when `error` or an error in its cause chain is a transient failure (by name: see `friendly` above). */
export function isTransientFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (transientFailures.has(current.name)) return true;
  }
  return false;
}
