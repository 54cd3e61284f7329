/**
 * Changes the server had not built when it stopped (a retry pause, a build cut short, a burst still
 * settling), kept in `PENDING_REBUILDS_FILE` so that the next start builds them: a stop loses no publish.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';
import type { BuildRequest } from './payload.ts';

const PendingSchema = z.array(
  z.object({
    documentId: z.string(),
    documentType: z.string(),
    operation: z.enum(['create', 'update', 'delete', 'unknown']),
    idempotencyKey: z.string(),
    receivedAt: z.iso.datetime().transform((value) => new Date(value)),
  }),
);

export function keepPendingRebuilds(file: string, requests: readonly BuildRequest[]): void {
  if (requests.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(requests), { mode: 0o600 });
}

/** The kept changes, removed from the file; an unreadable file is reported and counts as one change. */
export function takePendingRebuilds(file: string, log: (line: string) => void): BuildRequest[] {
  if (!existsSync(file)) return [];
  let requests: BuildRequest[];
  try {
    requests = PendingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    log(`${file} could not be read (${(error as Error).message.split('\n')[0]}): building once to be safe`);
    requests = [
      {
        documentId: 'pending',
        documentType: 'unknown',
        operation: 'unknown',
        idempotencyKey: `pending-${Date.now()}`,
        receivedAt: new Date(),
      },
    ];
  }
  rmSync(file, { force: true });
  return requests;
}
