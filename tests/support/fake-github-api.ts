import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from '../../scripts/local-server.ts';

export interface RecordedGithubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeGithubApi {
  /** `http://127.0.0.1:<port>`: the GITHUB_API_URL for the server. */
  readonly url: string;
  readonly requests: readonly RecordedGithubRequest[];
  /** Answers the next requests with these statuses, then 204 again. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
}

/**
 * A stand-in for the GitHub REST API endpoint the server calls, `POST /repos/<owner>/<repo>/dispatches`,
 * on 127.0.0.1: it records each request and answers 204 as GitHub does (or the statuses it is told).
 */
export async function startFakeGithubApi(): Promise<FakeGithubApi> {
  const requests: RecordedGithubRequest[] = [];
  const statuses: number[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // recorded as text
    }
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const status = statuses.shift() ?? (/^\/repos\/[^/]+\/[^/]+\/dispatches$/.test(request.url ?? '') ? 204 : 404);
    if (status === 204) response.writeHead(204).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `fake status ${status}` }));
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    requests,
    respondWith: (...next) => {
      statuses.push(...next);
    },
    close,
  };
}
