import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test server on a free port of 127.0.0.1. */
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
