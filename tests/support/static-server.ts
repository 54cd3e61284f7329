import { createServer, type Server } from 'node:http';
import { sendWebResponse, toWebRequest } from '../../scripts/server/node-http.ts';
import { createStaticHandler } from '../../scripts/server/static-files.ts';
import { listenOnLoopback } from './listen.ts';

/**
 * Serves a built site on 127.0.0.1 the way the server serves a live release (directory URLs,
 * `404.html` for misses, compression), through the same handler. With `basePath` (`/mca-site/`), the site
 * is served only under that path, as GitHub Pages serves a project site: anything else is a 404. With
 * `acceptEncoding`, every request is answered as if the browser had sent that `Accept-Encoding` (`gzip`:
 * what a host that never sends Brotli, such as GitHub Pages, would transfer).
 */
export async function serveStatic(
  root: string,
  options: { basePath?: string; acceptEncoding?: string } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
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
  return { ...(await listenOnLoopback(server)), server };
}
