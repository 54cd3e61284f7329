/**
 * Looks after the contact messages the server stored (`npm run messages`), reading `CONTACT_DB` and
 * `CONTACT_RETENTION_DAYS` like the server:
 *
 *   npm run messages                   counts and ids: waiting, held, delivered
 *   npm run messages -- show <id>      one message, in full
 *   npm run messages -- retry [<id>]   every waiting message due now; or one message (a held one too)
 *   npm run messages -- purge [--days N]   delete the text of messages delivered (or held) more than N days ago
 *
 * A running server sees the changes within a minute.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ContactStore, type MessageState, type StoredMessage } from './server/contact/store.ts';
import { describeFailure, FriendlyError } from '../schemas/friendly-error.ts';
import { readContactStoreConfig } from './server/config.ts';

export class MessagesError extends FriendlyError {
  override name = 'MessagesError';
}

const time = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19));

function describe(message: StoredMessage): string {
  const flags = [message.verified ? 'verified' : 'unverified', message.attempts > 0 ? `${message.attempts} failed attempt(s)` : '']
    .filter(Boolean)
    .join(', ');
  return `${message.id}  received ${time(message.received_at)}  (${flags})${message.purged_at ? '  text deleted' : ''}`;
}

/** Runs one command; answers what to print. */
export function runMessages(args: string[], env: NodeJS.ProcessEnv = process.env, now = Date.now()): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { days: { type: 'string' } } });
  const config = readContactStoreConfig(env);
  const [command = 'list', id] = positionals;
  if (!existsSync(config.CONTACT_DB))
    return `No messages: ${config.CONTACT_DB} does not exist yet (set CONTACT_DB to where the server keeps them).`;
  const store = new ContactStore(config.CONTACT_DB);
  try {
    switch (command) {
      case 'list': {
        const sections = (['waiting', 'held', 'delivered'] as MessageState[]).map((state) => {
          const messages = store.list(state);
          return [`${state}: ${messages.length}`, ...messages.map((message) => `  ${describe(message)}`)].join('\n');
        });
        return sections.join('\n');
      }
      case 'show': {
        if (!id) throw new MessagesError('Name a message: npm run messages -- show <id>');
        const message = store.get(id);
        if (!message) throw new MessagesError(`No message ${id}. See the ids with: npm run messages`);
        return [
          describe(message),
          `state:     ${message.state}${message.delivered_at ? ` (${time(message.delivered_at)})` : ''}`,
          ...(message.last_error ? [`last error: ${message.last_error}`] : []),
          `name:      ${message.name ?? ''}`,
          `email:     ${message.email ?? ''}`,
          `phone:     ${message.phone ?? ''}`,
          '',
          message.message ?? '(deleted after the retention time)',
        ].join('\n');
      }
      case 'retry': {
        const count = store.retry(id);
        if (id && count === 0) throw new MessagesError(`No waiting or held message ${id}.`);
        return `${count} message(s) will be delivered at the server's next look (within a minute).`;
      }
      case 'purge': {
        const days = values.days === undefined ? config.CONTACT_RETENTION_DAYS : Number(values.days);
        if (!Number.isFinite(days) || days < 0) throw new MessagesError('--days must be a number of days, 0 or more.');
        const count = store.purge(now - days * 24 * 60 * 60_000, now);
        return `Deleted the text of ${count} message(s) delivered or held more than ${days} day(s) ago.`;
      }
      default:
        throw new MessagesError(`Unknown command "${command}": use list, show <id>, retry [<id>] or purge [--days N].`);
    }
  } finally {
    store.close();
  }
}

if (import.meta.main) {
  try {
    console.log(runMessages(process.argv.slice(2)));
  } catch (error) {
    console.error(describeFailure(error));
    process.exitCode = 1;
  }
}
