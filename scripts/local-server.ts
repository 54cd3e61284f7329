/**
 * Servers on 127.0.0.1 for the benchmark and the tests: a free loopback port, and a built site served as
 * the centre's server serves it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebResponse, toWebRequest } from './server/node-http.ts';
import { createStaticHandler } from './server/static-files.ts';

/** A server on a free port of 127.0.0.1. */
export interface Listening {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Drops open connections (keep-alive ones included) and stops listening. */
  close(): Promise<void>;
}

/** Starts `server` on a free loopback port: every stand-in and helper server of the tests starts this way. */
export async function listenOnLoopback(server: Server): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Serves a built site on 127.0.0.1 the way the server serves a live release (directory URLs,
 * `404.html` for misses, compressed copies), through the same handler; `compressed()` resolves once the
 * copies are made. With `basePath` (`/mca-site/`), the site
 * is served only under that path, as GitHub Pages serves a project site: anything else is a 404. With
 * `acceptEncoding`, every request is answered as if the browser had sent that `Accept-Encoding` (`gzip`:
 * what a host that never sends Brotli, such as GitHub Pages, would transfer).
 */
export async function serveStatic(
  root: string,
  options: { basePath?: string; acceptEncoding?: string } = {},
): Promise<{ url: string; server: Server; close(): Promise<void>; compressed(): Promise<void> }> {
  const { basePath = '/', acceptEncoding } = options;
  const handle = createStaticHandler(root);
  const server = createServer((request, response) => {
    if (acceptEncoding !== undefined) request.headers['accept-encoding'] = acceptEncoding;
    const path = request.url ?? '/';
    if (!path.startsWith(basePath)) {
      response.writeHead(404).end();
      return;
    }
    request.url = `/${path.slice(basePath.length)}`;
    void toWebRequest(request, 'http://127.0.0.1')
      .then(handle)
      .then((answer) => sendWebResponse(answer, response));
  });
  const listening = await listenOnLoopback(server);
  return {
    ...listening,
    server,
    compressed: () => handle.compressLive(),
    async close() {
      await listening.close();
      await handle.close();
    },
  };
}
