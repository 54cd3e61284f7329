import { createHash, randomUUID } from 'node:crypto';
import { encodeSignatureHeader } from '@sanity/webhook';
import { evaluate, parse } from 'groq-js';
import { type DocumentChange, isPublishedId, type SanityDocument } from './document-store.ts';

export type WebhookOperation = 'create' | 'update' | 'delete';

/** A GROQ-powered webhook, configured as in sanity.io/manage. */
export interface WebhookConfig {
  /** The endpoint that receives the deliveries. */
  url: string;
  /** A GROQ filter (what goes between `*[` and `]`); empty matches every document. */
  filter?: string;
  /** A GROQ projection such as `{_id, _type}`; empty sends the whole document. */
  projection?: string;
  /** Signs each delivery (`sanity-webhook-signature`) when set. */
  secret?: string;
  /** The webhook id sent as `sanity-webhook-id`. */
  id?: string;
}

/** One attempt to deliver a webhook request. */
export interface DeliveryAttempt {
  at: Date;
  status?: number;
  error?: string;
}

/** One webhook message: a document change that matched a webhook's filter. */
export interface Delivery {
  webhookId: string;
  url: string;
  operation: WebhookOperation;
  documentId: string;
  transactionId: string;
  transactionTime: Date;
  idempotencyKey: string;
  /** The request body exactly as sent: the projection, as JSON. */
  body: string;
  /** The headers of the last attempt. */
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
  state: 'queued' | 'delivered' | 'failed';
}

export interface DeliveryOptions {
  projectId: string;
  dataset: string;
  now: () => Date;
}

interface Webhook extends Required<Pick<WebhookConfig, 'url' | 'id'>> {
  config: WebhookConfig;
  /** Webhooks deliver one request at a time, in order. */
  chain: Promise<void>;
}

function operationOf(change: DocumentChange): WebhookOperation {
  if (!change.before) return 'create';
  return change.after ? 'update' : 'delete';
}

/**
 * Delivers Sanity-format webhooks for the changes of each transaction: filter and projection in delta
 * GROQ (`before()`, `after()`, `delta::operation()` …) evaluated on the changed document (its last
 * version for a delete), headers as Sanity sends them, and the signature made with
 * `@sanity/webhook`'s own `encodeSignatureHeader` so it is byte for byte what Sanity signs.
 */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  readonly #webhooks = new Map<string, Webhook>();
  readonly #options: DeliveryOptions;

  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /** Adds a webhook; its filter and projection are checked at once, as Sanity checks them when saved. */
  add(config: WebhookConfig): string {
    const id = config.id ?? randomUUID();
    if (config.filter?.trim()) parse(`*[${config.filter}]`, { mode: 'delta' });
    if (config.projection?.trim()) parse(`*[0]${config.projection}`, { mode: 'delta' });
    this.#webhooks.set(id, {
      id,
      url: config.url,
      config,
      chain: Promise.resolve(),
    });
    return id;
  }

  /** Queues a delivery per webhook and matching change of a committed transaction. */
  async notify(transaction: { transactionId: string; time: Date; changes: readonly DocumentChange[] }): Promise<void> {
    for (const webhook of this.#webhooks.values()) {
      for (const change of transaction.changes) {
        // As in Sanity, drafts and versions fire nothing.
        if (!isPublishedId(change.id)) continue;
        const operation = operationOf(change);
        const body = await this.#evaluate(webhook.config, change, operation);
        if (body === undefined) continue;
        const delivery: Delivery = {
          webhookId: webhook.id,
          url: webhook.url,
          operation,
          documentId: change.id,
          transactionId: transaction.transactionId,
          transactionTime: transaction.time,
          idempotencyKey: createHash('sha256')
            .update(`${webhook.id}\n${transaction.transactionId}\n${change.id}`)
            .digest('base64url')
            .slice(0, 32),
          body,
          headers: {},
          attempts: [],
          state: 'queued',
        };
        this.deliveries.push(delivery);
        webhook.chain = webhook.chain.then(() => this.#deliver(webhook, delivery));
      }
    }
  }

  /** Resolves when every queued delivery has been delivered or has failed. */
  async idle(): Promise<void> {
    let chains: Promise<void>[];
    do {
      chains = [...this.#webhooks.values()].map((webhook) => webhook.chain);
      await Promise.all(chains);
    } while ([...this.#webhooks.values()].some((webhook, index) => webhook.chain !== chains[index]));
  }

  /**
   * Sends a delivery again with the same body and idempotency key, as Sanity does when it retries;
   * `signedAt` signs it with another timestamp (an old one, say). Answers the server's response.
   */
  async redeliver(delivery: Delivery, options: { signedAt?: Date } = {}): Promise<Response> {
    const webhook = this.#webhooks.get(delivery.webhookId);
    if (!webhook) throw new Error(`webhook ${delivery.webhookId} was removed`);
    return this.#send(webhook, delivery, options.signedAt ?? this.#options.now());
  }

  async #evaluate(config: WebhookConfig, change: DocumentChange, operation: WebhookOperation): Promise<string | undefined> {
    const subject = (change.after ?? change.before) as SanityDocument;
    const context = {
      dataset: [subject],
      before: change.before,
      after: change.after,
      sanity: { projectId: this.#options.projectId, dataset: this.#options.dataset },
      timestamp: this.#options.now(),
    };
    if (config.filter?.trim()) {
      const matched = await (await evaluate(parse(`*[${config.filter}]`, { mode: 'delta' }), context)).get();
      if (!Array.isArray(matched) || matched.length === 0) return undefined;
    }
    if (!config.projection?.trim()) return JSON.stringify(operation === 'delete' ? subject : change.after);
    const projected = await (await evaluate(parse(`*[0]${config.projection}`, { mode: 'delta' }), context)).get();
    return JSON.stringify(projected);
  }

  /** One attempt per delivery, without Sanity's retries: a delivery the server refuses stays failed. */
  async #deliver(webhook: Webhook, delivery: Delivery): Promise<void> {
    try {
      const response = await this.#send(webhook, delivery, this.#options.now());
      await response.arrayBuffer();
      delivery.attempts.push({ at: this.#options.now(), status: response.status });
      delivery.state = response.status < 300 ? 'delivered' : 'failed';
    } catch (error) {
      delivery.attempts.push({ at: this.#options.now(), error: (error as Error).message });
      delivery.state = 'failed';
    }
  }

  async #send(webhook: Webhook, delivery: Delivery, signedAt: Date): Promise<Response> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Sanity.io webhook delivery',
      'idempotency-key': delivery.idempotencyKey,
      'sanity-transaction-id': delivery.transactionId,
      'sanity-transaction-time': delivery.transactionTime.toISOString(),
      'sanity-dataset': this.#options.dataset,
      'sanity-document-id': delivery.documentId,
      'sanity-project-id': this.#options.projectId,
      'sanity-webhook-id': webhook.id,
      'sanity-operation': delivery.operation,
    };
    if (webhook.config.secret) {
      headers['sanity-webhook-signature'] = await encodeSignatureHeader(delivery.body, signedAt.getTime(), webhook.config.secret);
    }
    delivery.headers = headers;
    return fetch(webhook.url, { method: 'POST', headers, body: delivery.body, signal: AbortSignal.timeout(30_000) });
  }
}
