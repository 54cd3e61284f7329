/**
 * A large file cannot exhaust the server's memory: it is streamed a chunk at a time, so 8 clients
 * fetching a 30 MB file at once hold a few chunks each, not the file; HEAD and 304 answers read none of
 * it. The server runs as its own process (`npm run server`), measured from `/proc`: its peak resident
 * memory (`VmHWM`) and the bytes it read (`rchar`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dirs.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const fileBytes = 30 * 1024 * 1024;
const mb = 1024 * 1024;
let server: ChildProcess;
let url = '';

beforeAll(async () => {
  const folder = makeTempDir('mca-large-');
  const live = join(folder, 'live');
  mkdirSync(join(live, 'media'), { recursive: true });
  writeFileSync(join(live, 'index.html'), '<!doctype html><html lang="en"><head><title>Home</title></head><body>Home</body></html>');
  const large = Buffer.alloc(fileBytes);
  for (let i = 0; i < large.length; i += 4) large.writeUInt32LE((i * 2654435761) >>> 0, i);
  writeFileSync(join(live, 'media', 'recording.bin'), large);
  server = spawn(process.execPath, ['scripts/server/server.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env['PATH'],
      PORT: '0',
      SERVE_LIVE: 'true',
      LIVE_LINK: live,
      CONTACT_INBOX: 'staff@mca.example',
      CONTACT_SECRET: 'large-files-test-secret-0123456789-0123',
      SITE_URL: 'https://mca.example',
      CONTACT_DB: join(folder, 'contact.sqlite'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  while (!/listening on (http:\/\/\S+)/.test(output)) await once(server.stdout as NodeJS.ReadableStream, 'data');
  url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? '';
});
afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
});

/** The server process's `/proc` figures: bytes read by it so far, its resident memory now and at its peak. */
function serverFigures(): { readBytes: number; rss: number; peakRss: number } {
  const io = readFileSync(`/proc/${server.pid}/io`, 'utf8');
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024;
  return { readBytes: Number(/rchar: (\d+)/.exec(io)?.[1]), rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

/** One request; answers its status, headers and how many body bytes came (the body itself is dropped). */
function fetchCounting(method: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>((resolve, reject) => {
    const outgoing = request(`${url}/media/recording.bin`, { method, headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

it('answers HEAD and a conditional GET of a 30 MB file without reading it', async () => {
  const head = await fetchCounting('HEAD');
  expect(head.status).toBe(200);
  expect(head.headers['content-length']).toBe(String(fileBytes));
  const etag = String(head.headers['etag']);
  const before = serverFigures().readBytes;
  for (let i = 0; i < 8; i++) {
    expect((await fetchCounting('HEAD')).status).toBe(200);
    expect((await fetchCounting('GET', { 'if-none-match': etag })).status).toBe(304);
  }
  // Reading the file even once would be 30 MB; requests and the server's own look-ups are a few kB.
  expect(serverFigures().readBytes - before).toBeLessThan(1 * mb);
});

it('serves 8 clients fetching a 30 MB file at once without holding the file in memory', async () => {
  // The peak starts over here: the server's start-up (modules, its first pass over the release) peaks higher
  // than it then stays, and would count against serving otherwise.
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
  const before = serverFigures();
  const answers = await Promise.all(Array.from({ length: 8 }, () => fetchCounting('GET')));
  for (const answer of answers) expect(answer).toMatchObject({ status: 200, bytes: fileBytes });
  const after = serverFigures();
  // The file was sent 8 times over …
  expect(after.readBytes - before.readBytes).toBeGreaterThanOrEqual(8 * fileBytes);
  // … but never held: one copy per client would be 240 MB. The bound is generous for garbage not yet collected:
  // 16 and 32 clients both took about 70 MB.
  console.log(`[large files] server resident memory ${Math.round(before.rss / mb)} MB before, peak ${Math.round(after.peakRss / mb)} MB`);
  expect(after.peakRss - before.rss).toBeLessThan(128 * mb);
}, 180_000);
