import { createServer, type Server } from 'node:http';
import { sendWebResponse, toWebRequest } from '../../scripts/server/node-http.ts';
import { createStaticHandler } from '../../scripts/server/static-files.ts';
import { listenOnLoopback } from './listen.ts';

/**
 * Serves a built site on 127.0.0.1 the way the receiver serves a live release (directory URLs,
 * `404.html` for misses), through the same handler. With `basePath` (`/mca-site/`), the site is served
 * only under that path, as GitHub Pages serves a project site: anything else is a 404.
 */
export async function serveStatic(root: string, basePath = '/'): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const handle = createStaticHandler(root);
  const server = createServer((request, response) => {
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
