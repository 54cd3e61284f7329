import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** After answering a request whose body was not read, at most this much more is read (and dropped) before the connection closes. */
const lingerBytes = 256 * 1024;
const lingerMs = 2000;

/** The request's headers as web-standard `Headers`. */
export function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * Reads a request body of at most `limit` bytes. Answers `undefined` as soon as the body is known to be
 * larger (from `content-length`, or once the bytes read pass the limit, chunked bodies included): the rest
 * is not read, and `sendWebResponse` closes the connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: Uint8Array | undefined, error?: Error) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.pause();
        done(undefined);
      } else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    const onError = (error: Error) => done(undefined, error);
    const onAborted = () => done(undefined, new Error('the client closed the connection'));
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', onError);
    request.once('aborted', onAborted);
  });
}

/**
 * True when a web-standard `Request` can carry this method. Node's parser takes `TRACE`, `TRACK` and
 * `CONNECT`, which the Fetch standard forbids (`new Request` throws): the server answers those 405.
 */
export function webRequestMethod(method: string | undefined): boolean {
  try {
    new Request('http://localhost/', { method: method ?? 'GET' });
    return true;
  } catch {
    return false;
  }
}

/** Turns a Node request into a web-standard one with the body given (none for GET and HEAD). */
export function webRequest(request: IncomingMessage, origin: string, body?: Uint8Array): Request {
  const method = request.method ?? 'GET';
  const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  const init: RequestInit = { method, headers: headersOf(request) };
  if (withBody) init.body = new Uint8Array(body);
  return new Request(new URL(request.url ?? '/', origin), init);
}

/** Turns a Node request into a web-standard one, reading a body of at most `maxBodyBytes` (larger ones are cut). */
export async function toWebRequest(request: IncomingMessage, origin: string, maxBodyBytes = 0): Promise<Request> {
  const method = request.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD' || maxBodyBytes === 0) return webRequest(request, origin);
  return webRequest(request, origin, (await readBody(request, maxBodyBytes)) ?? new Uint8Array());
}

/**
 * Writes a web-standard response to a Node one, streaming its body: the next chunk is read only once the
 * client has taken the last (a large file never sits in memory), and a client that goes away cancels the
 * rest. When the request body was not read to its end (refused, too large, or not wanted), the connection
 * is closed after the answer instead of reading the rest: at most a little more is drained, so the client
 * can read the answer, then the socket is destroyed.
 */
export async function sendWebResponse(response: Response, to: ServerResponse, from?: IncomingMessage): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const unread = from !== undefined && !from.complete;
  if (unread) headers['connection'] = 'close';
  to.writeHead(response.status, headers);
  if (response.body) {
    // A client that closes the connection early ends the pipeline with an error; there is no one left to answer.
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), to).catch(() => {});
  } else to.end();
  if (unread) lingerThenClose(from);
}

function lingerThenClose(request: IncomingMessage): void {
  const socket = request.socket;
  let drained = 0;
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  request.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > lingerBytes) socket.destroy();
  });
  request.resume();
}

/**
 * The address of the client: the socket's peer, or, when the server runs behind a reverse proxy that it
 * trusts, the last `X-Forwarded-For` entry (the one that proxy appended; earlier ones are the client's word).
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
  return last || peer;
}

/** True for this machine's own addresses: 127.0.0.0/8 and `::1`, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(address: string): boolean {
  const host = address.replace(/^::ffff:/i, '');
  return host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
