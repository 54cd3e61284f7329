import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One email as the SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** Header names in lower case, folded lines joined. */
  headers: Record<string, string>;
  /** The body, its transfer encoding (quoted-printable or base64) undone. */
  text: string;
  raw: string;
}

export interface SmtpInbox {
  /** `smtp://127.0.0.1:<port>`: a local host, so plain SMTP is allowed. */
  readonly url: string;
  readonly port: number;
  readonly mails: readonly ReceivedMail[];
  /** Resolves once `count` emails have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

function parseMail(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let text = raw.slice(split + 4);
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(
      text.replace(/=\r\n/g, '').replace(/=([\dA-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
      'latin1',
    );
    text = bytes.toString('utf8');
  } else if (encoding === 'base64') text = Buffer.from(text, 'base64').toString('utf8');
  return { from, to, headers, text: text.replace(/\r\n/g, '\n'), raw };
}

/**
 * A real SMTP server (`smtp-server`) on 127.0.0.1, the centre's mail server in tests: it takes every
 * email without authentication or TLS (like a local relay) and keeps it. `port` reuses a port, so a test
 * can bring "the mail server" back where the contact server expects it.
 */
export async function startSmtpInbox(port = 0): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(
          parseMail(
            Buffer.concat(chunks).toString('latin1'),
            from,
            session.envelope.rcptTo.map((to) => to.address),
          ),
        );
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    mails,
    async received(count) {
      while (mails.length < count) await new Promise<void>((wake) => waiters.push(wake));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
