import nodemailer from 'nodemailer';
import { hostIsLocal } from '../../../schemas/settings.ts';
import { defaultLanguage } from '../../../schemas/languages.ts';
import type { StoredMessage } from './store.ts';

/** A language's name in English, for the centre's staff: "Spanish" for `es`. */
function languageName(id: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language' }).of(id) ?? id;
}

/** How to reach the SMTP server: TLS from the start (`smtps:`), STARTTLS required, or plain to this machine. */
export function smtpTransportOptions(smtpUrl: string): {
  host: string;
  port: number;
  secure: boolean;
  requireTLS: boolean;
  ignoreTLS: boolean;
  auth?: { user: string; pass: string };
} {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const local = hostIsLocal(url.hostname);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !local,
    ignoreTLS: !secure && local,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  };
}

/** Sends one email; rejects when the SMTP server did not accept it. */
export type SendMail = (mail: ContactMail) => Promise<void>;

/** A contact message as an email to the centre: plain text only. */
export interface ContactMail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
}

/**
 * The email for a stored message. The subject says it came from the website and whether its proof of
 * work was missing or invalid ("unverified"); it holds no personal detail, since subjects show on lock
 * screens. The visitor's name and address go only into the body and `Reply-To`, which nodemailer encodes
 * (the form already refused line breaks in them).
 */
export function contactMail(message: StoredMessage, addresses: { from: string; to: string }): ContactMail {
  const lines = [
    message.verified
      ? 'A message from the contact form on the website.'
      : 'A message from the contact form on the website. UNVERIFIED: it came without a valid proof of work (JavaScript off, or sent by a program), so it may be spam.',
    '',
    `Name:     ${message.name ?? ''}`,
    `Email:    ${message.email ?? '(none given)'}`,
    `Phone:    ${message.phone ?? '(none given)'}`,
    `Received: ${new Date(message.received_at).toISOString()}`,
    `Id:       ${message.id}`,
    ...(message.language && message.language !== defaultLanguage
      ? [
          `Language: sent from the ${languageName(message.language)} page (/${message.language}/contact/): reply in ${languageName(message.language)}.`,
        ]
      : []),
    '',
    message.message ?? '',
    '',
    message.email ? 'Reply to this email to answer the visitor.' : 'The visitor left no email address: call them back.',
  ];
  return {
    from: addresses.from,
    to: addresses.to,
    ...(message.email ? { replyTo: message.email } : {}),
    subject: `${message.verified ? '' : '[Unverified] '}Website contact message ${message.id}`,
    text: `${lines.join('\n')}\n`,
  };
}

/** An SMTP sender from `SMTP_URL` (TLS from the start for `smtps:`, STARTTLS required for `smtp:` except to this machine). */
export function createSmtpSender(smtpUrl: string): { send: SendMail; close(): void } {
  const transport = nodemailer.createTransport({
    ...smtpTransportOptions(smtpUrl),
    // One connection kept open between messages: a burst is mailed without a TLS handshake per email.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ ...mail, disableFileAccess: true, disableUrlAccess: true });
    },
    close: () => transport.close(),
  };
}

/**
 * The email that tells staff the day's limit for unverified messages was reached (`day`: its first
 * millisecond, UTC): from then on such messages are stored and held, not mailed, while their senders are
 * told they were sent. Sent once a day at most; it names no one.
 */
export function dailyLimitMail(day: number, limit: number, addresses: { from: string; to: string }): ContactMail {
  const date = new Date(day).toISOString().slice(0, 10);
  const lines = [
    `On ${date} (UTC) the contact form reached its daily limit of ${limit} unverified message(s) (CONTACT_UNVERIFIED_DAILY_LIMIT).`,
    'Unverified messages came without the form’s proof of work: from a browser without JavaScript, or from a program.',
    '',
    'Further unverified messages today are stored but held, not mailed, and their senders were told that their',
    'message was sent. Someone who needs help may be among them. On the server:',
    '',
    '  npm run messages                  lists the held messages',
    '  npm run messages -- show <id>     shows one',
    '  npm run messages -- retry <id>    mails one to this inbox',
    '',
    'Messages with a valid proof of work are mailed as usual. This notice is sent at most once a day.',
  ];
  return {
    from: addresses.from,
    to: addresses.to,
    subject: `Website contact form: daily limit for unverified messages reached (${date})`,
    text: `${lines.join('\n')}\n`,
  };
}
