import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopback } from './node-http.ts';

/** Headers a reverse proxy adds: a request carrying one came through a proxy, whatever its peer address. */
const forwardingHeaders = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read `/healthz`'s counts: a request with `Authorization: Bearer <HEALTHZ_TOKEN>`, or one made on
 * this machine (its address is a loopback one and no proxy forwarded it: behind a proxy on the same machine,
 * every visitor's request arrives from 127.0.0.1, with a forwarding header). `refused` is a wrong token;
 * anyone else is `public` and learns only that the server is up.
 */
export function healthAccess(request: Request, client: string, token: string | undefined): 'staff' | 'public' | 'refused' {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    return token !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(token)) ? 'staff' : 'refused';
  }
  const proxied = forwardingHeaders.some((name) => request.headers.has(name));
  return !proxied && isLoopback(client) ? 'staff' : 'public';
}
