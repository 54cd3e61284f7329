/**
 * The server under hostile clients (issue #9, points 1, 2 and 10): it serves files only when asked to,
 * stops reading a body it does not want, closes slow connections, caps how many it holds, and sends the
 * pages' security policy as headers.
 */
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerConfig } from '../../scripts/server/config.ts';
import { type RunningServer, startServer } from '../../scripts/server/server.ts';
import { makeTempDir } from '../support/temp-dirs.ts';

const secret = 'limits-test-secret-0123456789';
const pagePolicy = "default-src 'self'; img-src 'self' data:; form-action 'self'";

/**
 * The webhook part's settings, with a file of unbuilt changes of this test's own: the default,
 * `.data/pending-rebuilds.json`, is shared with every other server test and with the developer's own server.
 */
const webhookSettings = () => ({
  SANITY_WEBHOOK_SECRET: secret,
  PORT: '0',
  PENDING_REBUILDS_FILE: join(makeTempDir('mca-limits-'), 'pending-rebuilds.json'),
});
/** No scheduled article: the scheduler would otherwise read whatever content the environment names. */
const webhooks = { nextScheduledAfter: async () => undefined };

/** A built site with a page carrying a CSP meta. */
function writeSite(): string {
  const live = join(makeTempDir('mca-limits-'), 'live');
  mkdirSync(live, { recursive: true });
  writeFileSync(
    join(live, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${pagePolicy.replace(/'/g, '&#39;')}"><title>Home</title></head><body><h1>Home</h1></body></html>`,
  );
  return live;
}

/** The request's next `drain` or `close`, whichever comes first; neither listener stays behind. */
function drainOrClose(request: ClientRequest): Promise<void> {
  return new Promise((resume) => {
    const done = () => {
      request.off('drain', done).off('close', done);
      resume();
    };
    request.on('drain', done).on('close', done);
  });
}

/**
 * Streams a chunked body of up to 200 MB, as fast as the server takes it; answers the status the server
 * gave and how many bytes were written before the server stopped taking them.
 */
async function postHugeChunkedBody(url: string, path: string): Promise<{ status: number | undefined; written: number }> {
  const target = new URL(path, url);
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
  });
  let status: number | undefined;
  let closed = false;
  request.on('response', (response) => {
    status = response.statusCode;
    response.resume();
  });
  request.on('error', () => {});
  request.on('close', () => {
    closed = true;
  });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let written = 0;
  while (!closed && written < 200 * 1024 * 1024) {
    written += chunk.length;
    if (!request.write(chunk)) await drainOrClose(request);
  }
  if (!closed) await once(request, 'close').catch(() => {});
  return { status, written };
}

describe('the server with default settings and SERVE_LIVE unset', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const live = writeSite();
    const config = readServerConfig({ ...webhookSettings(), LIVE_LINK: live });
    expect(config.SERVE_LIVE).toBe(false);
    server = await startServer(config, { log: () => {}, webhooks });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves no files: the live release stays private unless SERVE_LIVE=true', async () => {
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/index.html`)).status).toBe(404);
  });

  it('stops reading a 200 MB chunked body sent to a route that takes none, and answers 405', async () => {
    const { status, written } = await postHugeChunkedBody(server.url, '/healthz');
    expect(status).toBe(405);
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('stops reading a 200 MB chunked body at the webhook limit, and answers 413', async () => {
    const { status, written } = await postHugeChunkedBody(server.url, '/webhooks/sanity');
    expect(status).toBe(413);
    expect(written).toBeLessThan(32 * 1024 * 1024);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('the server under many slow connections', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const config = readServerConfig({ ...webhookSettings(), MAX_CONNECTIONS: '20' });
    server = await startServer(config, {
      log: () => {},
      webhooks,
      timeouts: { headersMs: 500, requestMs: 1000, keepAliveMs: 200, checkIntervalMs: 50 },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('holds at most MAX_CONNECTIONS, closes those that send their headers too slowly, and then serves again', async () => {
    const { port } = new URL(server.url);
    const sockets: Socket[] = [];
    const closed: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      // Read what the server sends (a 408), so that its closing the connection is seen.
      socket.resume();
      closed.push(new Promise((done) => socket.once('close', done)));
      socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => (socket.connecting ? once(socket, 'connect').catch(() => {}) : undefined)));
    const held = await new Promise<number>((done) => server.server.getConnections((_error, count) => done(count)));
    expect(held).toBeLessThanOrEqual(20);
    // Every slow socket is closed by the server: the ones over the cap at once, the others at the headers timeout.
    await Promise.all(closed);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('the server serving the live release (SERVE_LIVE=true)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const config = readServerConfig({ ...webhookSettings(), LIVE_LINK: writeSite(), SERVE_LIVE: 'true' });
    server = await startServer(config, { log: () => {}, webhooks });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("sends each page's own CSP as a header, with frame-ancestors 'none', nosniff and a referrer policy", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(`${pagePolicy}; frame-ancestors 'none'`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
