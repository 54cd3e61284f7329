import { RebuildError } from './build-queue.ts';
import type { BuildRequest } from './payload.ts';

export interface GithubDispatchOptions {
  /** `owner/name` of the repository whose workflow listens for the event. */
  repository: string;
  /** A token allowed to write the repository's contents; sent only to `apiUrl`. */
  token: string;
  /** `https://api.github.com`, or a fake one in tests. */
  apiUrl?: string;
  /** The `repository_dispatch` type `publish.yml` listens for. */
  eventType?: string;
  fetch?: typeof fetch;
}

/** GitHub accepts at most 10 top-level keys in `client_payload`; the document list is capped too. */
const maxDocuments = 20;

/**
 * Asks GitHub Actions to build and deploy: `POST /repos/<owner>/<name>/dispatches` with the event type
 * and which documents changed (for the run's log; the build reads all content itself). GitHub answers
 * 204. One attempt: the build queue retries with back-off. A failure is a `RebuildError`, retryable for
 * network errors, 429 and 5xx; its message names the status and what to check, never the token.
 */
export function createGithubDispatch(
  options: GithubDispatchOptions,
): (requests: readonly BuildRequest[], signal?: AbortSignal) => Promise<void> {
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const url = `${apiUrl}/repos/${options.repository}/dispatches`;
  const send = options.fetch ?? fetch;
  return async (requests, signal) => {
    const body = JSON.stringify({
      event_type: options.eventType ?? 'sanity-publish',
      client_payload: {
        count: requests.length,
        documents: requests.slice(0, maxDocuments).map((request) => ({
          id: request.documentId,
          type: request.documentType,
          operation: request.operation,
        })),
      },
    });
    let status = 0;
    let detail = '';
    try {
      const response = await send(url, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/json',
          'user-agent': 'mca-site-server',
          'x-github-api-version': '2022-11-28',
        },
        body,
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
      });
      status = response.status;
      detail = (await response.text()).slice(0, 300);
      if (response.ok) return;
    } catch (error) {
      detail = (error as Error).message;
    }
    const retryable = status === 0 || status === 429 || status >= 500;
    const hint =
      status === 401 || status === 403 || status === 404
        ? ' Check GITHUB_REPOSITORY and that GITHUB_TOKEN may write the repository contents.'
        : '';
    throw new RebuildError(
      `GitHub repository_dispatch to ${options.repository} failed: ${status ? `HTTP ${status}` : 'no response'} ${detail}.${hint}`,
      status ? `GitHub answered HTTP ${status}` : 'GitHub did not answer',
      retryable,
    );
  };
}
