/**
 * Prints figures for the contact form on this machine, against a local SMTP server (`smtp-server`, a
 * dev dependency): the latency from `POST /contact` to the email being received (verified messages,
 * one at a time), and how many messages a second `/contact` stores and answers under concurrent load.
 * The proof of work is solved before each timing starts (it is the visitor's browser's work).
 *
 *   npm run benchmark:contact
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { SMTPServer } from 'smtp-server';
import { readServerConfig } from './server/config.ts';
import { startServer } from './server/server.ts';

const work = mkdtempSync(join(tmpdir(), 'mca-benchmark-contact-'));
const arrivals = new Map<string, number>();
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const token = /token-(\d+)/.exec(text)?.[1];
      if (token) arrivals.set(token, performance.now());
      callback();
    });
  },
});
await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', () => done()));
const smtpPort = (smtp.server.address() as { port: number }).port;
const site = 'https://mca.example';
const config = readServerConfig({
  PORT: '0',
  CONTACT_INBOX: 'staff@mca.example',
  CONTACT_SECRET: 'benchmark-secret-0123456789-0123456789',
  SITE_URL: site,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  CONTACT_DB: join(work, 'contact.sqlite'),
  CONTACT_UNVERIFIED_DAILY_LIMIT: '1000000',
});
const generous = { limit: 1_000_000, windowMs: 60_000 };
const server = await startServer(config, {
  contact: {
    limits: { posts: generous, unverified: generous, challenges: generous },
    difficulty: { cost: 100, counterMin: 100, counterMax: 200 },
  },
  log: () => {},
});

async function solvedProof(): Promise<string> {
  const challenge = (await (await fetch(`${server.url}/contact/challenge`)).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  ).toString('base64');
}

const post = (token: number, altcha?: string) =>
  fetch(`${server.url}/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: site },
    body: JSON.stringify({
      name: 'Benchmark Visitor',
      email: 'visitor@example.org',
      message: `A benchmark message, token-${token}. ${'Some words of a typical message. '.repeat(20)}`,
      ...(altcha ? { altcha } : {}),
    }),
  });

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
const waitFor = async (token: number) => {
  while (!arrivals.has(String(token))) await new Promise((done) => setTimeout(done, 1));
  return arrivals.get(String(token)) ?? 0;
};

// Latency: one verified message at a time, POST sent → email received by the SMTP server.
const latencies: number[] = [];
const answered: number[] = [];
for (let token = 1; token <= 50; token++) {
  const proof = await solvedProof();
  const started = performance.now();
  const response = await post(token, proof);
  answered.push(performance.now() - started);
  if (response.status !== 202) throw new Error(`POST /contact answered ${response.status}`);
  latencies.push((await waitFor(token)) - started);
}

// Throughput: 20 clients posting as fast as they are answered for 5 seconds (unverified, no proof to solve).
let stored = 0;
let next = 1000;
const until = performance.now() + 5000;
const throughputStart = performance.now();
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (performance.now() < until) {
      const response = await post(next++);
      await response.arrayBuffer();
      if (response.status === 202) stored++;
    }
  }),
);
const elapsed = (performance.now() - throughputStart) / 1000;
const drainStart = performance.now();
await server.contact.idle();
while (arrivals.size < 50 + stored) await new Promise((done) => setTimeout(done, 5));
const drained = (performance.now() - throughputStart) / 1000;

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rows: [string, string][] = [
  ['POST → 202 (verified, one at a time)', `median ${ms(percentile(answered, 50))}, p95 ${ms(percentile(answered, 95))}`],
  ['POST → email received (verified, one at a time)', `median ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}`],
  [
    '/contact throughput (20 clients, 5 s)',
    `${(stored / elapsed).toFixed(0)} messages/s stored and answered (${stored} in ${elapsed.toFixed(1)} s)`,
  ],
  [
    'delivery throughput (same messages)',
    `${(stored / drained).toFixed(0)} emails/s (all ${stored} mailed ${((performance.now() - drainStart) / 1000).toFixed(1)} s after the load ended)`,
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);

await server.close();
await new Promise<void>((done) => smtp.close(() => done()));
rmSync(work, { recursive: true, force: true });
