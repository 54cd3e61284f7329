import * as z from 'zod';

/** The largest body `POST /contact` reads; the server stops reading past it and answers 413. */
export const contactBodyLimit = 32 * 1024;

/** The honeypot: a field people never see (hidden by CSS and from assistive technology) but form-filling bots do. */
export const honeypotField = 'website';
/** The field the ALTCHA widget fills with its payload. */
export const proofField = 'altcha';

/** One problem with a field, as the JSON answer and the HTML page list it. */
export interface FieldError {
  /** `name`, `email`, `phone`, `message`, or `form` for the body as a whole. */
  field: string;
  message: string;
}

/** The labels of the form (`site/pages/contact.astro`), for messages a visitor reads. */
export const fieldLabels: Record<string, string> = { name: 'Name', email: 'Email', phone: 'Phone', message: 'Message', form: 'Form' };

const oneLine = (value: string) => !/[\p{Cc}\u2028\u2029]/u.test(value);
/** No bidirectional controls (U+202A–U+202E, U+2066–U+2069): they reorder how a name or address reads in the inbox. */
const noBidiControls = (value: string) => !/[\u202a-\u202e\u2066-\u2069]/.test(value);
const text = (error: string) => z.string({ error });
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A contact message as the visitor sent it: what `site/pages/contact.astro` posts. `validateForm` also needs an email or a phone. */
export const ContactFormSchema = z.object({
  /** Required, one line, at most 100 characters. */
  name: text('Enter your name.')
    .trim()
    .min(1, { error: 'Enter your name.' })
    .max(100, { error: 'Use at most 100 characters for your name.' })
    .refine(oneLine, { error: 'Write your name on one line.' })
    .refine(noBidiControls, { error: 'Remove the invisible text-direction characters from your name.' }),
  /** Optional; with `phone`, at least one of the two. */
  email: z.preprocess(
    blankToUndefined,
    text('Enter an email address as text.')
      .trim()
      .max(254, { error: 'Use at most 254 characters for your email address.' })
      .refine(oneLine, { error: 'Write your email address on one line.' })
      .refine(noBidiControls, { error: 'Remove the invisible text-direction characters from your email address.' })
      .pipe(z.email({ error: 'Enter an email address such as name@example.org.' }))
      .optional(),
  ),
  /** Optional; digits with the usual separators and an optional extension. */
  phone: z.preprocess(
    blankToUndefined,
    text('Enter a phone number as text.')
      .trim()
      .max(40, { error: 'Use at most 40 characters for your phone number.' })
      .refine((value) => /^\+?[\d\s().-]+(?:\s*(?:ext\.?|x)\s*\d{1,6})?$/i.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7, {
        error: 'Enter a phone number such as (617) 555-0142.',
      })
      .optional(),
  ),
  /** Required, at most 5,000 characters; line breaks kept. */
  message: text('Enter your message.')
    .trim()
    .min(1, { error: 'Enter your message.' })
    .max(5000, { error: 'Use at most 5,000 characters for your message.' })
    .refine((value) => !/[\p{Cc}]/u.test(value.replace(/[\r\n\t]/g, '')), { error: 'Remove the control characters from your message.' }),
  [honeypotField]: z.string().optional(),
  [proofField]: z.string().max(8192).optional(),
});

export type ContactForm = z.infer<typeof ContactFormSchema>;

export type ParsedBody = { ok: true; values: Record<string, unknown> } | { ok: false; status: 400 | 415; errors: FieldError[] };

const formError = (status: 400 | 415, message: string): ParsedBody => ({ ok: false, status, errors: [{ field: 'form', message }] });
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Percent-decodes one `application/x-www-form-urlencoded` name or value into bytes, then reads them as strict UTF-8. */
function decodeComponent(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '%' && /^[\da-f]{2}$/i.test(raw.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char === '+' ? 0x20 : raw.charCodeAt(i));
  }
  return utf8.decode(new Uint8Array(bytes));
}

/**
 * Reads a form body. `URLSearchParams` would turn bytes that are not UTF-8 into U+FFFD silently; this
 * refuses them. A field sent twice is refused too, rather than guessing which one was meant.
 */
function parseUrlEncoded(body: Uint8Array): ParsedBody {
  const values: Record<string, unknown> = {};
  const repeated = new Set<string>();
  for (const part of Buffer.from(body).toString('latin1').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeComponent(at === -1 ? part : part.slice(0, at));
      value = decodeComponent(at === -1 ? '' : part.slice(at + 1));
    } catch {
      return formError(400, 'The form was not sent as UTF-8 text.');
    }
    if (Object.hasOwn(values, name)) repeated.add(name);
    values[name] = value;
  }
  if (repeated.size > 0) {
    return { ok: false, status: 400, errors: [...repeated].map((field) => ({ field, message: 'This field was sent more than once.' })) };
  }
  return { ok: true, values };
}

function parseJson(body: Uint8Array): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch {
    return formError(400, 'The message was not UTF-8 JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return formError(400, 'The message must be a JSON object of fields.');
  return { ok: true, values: value as Record<string, unknown> };
}

/** Reads `application/x-www-form-urlencoded` or `application/json` (UTF-8 only); anything else is 415. */
export function parseFormBody(contentType: string | null, body: Uint8Array): ParsedBody {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return formError(415, 'Send the form as UTF-8.');
  if (mediaType === 'application/x-www-form-urlencoded') return parseUrlEncoded(body);
  if (mediaType === 'application/json') return parseJson(body);
  return formError(415, 'Send the form as application/x-www-form-urlencoded or application/json.');
}

const given = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Checks the fields, and that there is an email address or a phone number; answers every problem at once, one per field. */
export function validateForm(values: Record<string, unknown>): { ok: true; form: ContactForm } | { ok: false; errors: FieldError[] } {
  const result = ContactFormSchema.safeParse(values);
  const errors: FieldError[] = [];
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: issue.message });
  }
  if (!given(values['email']) && !given(values['phone'])) {
    errors.push({ field: 'email', message: 'Leave an email address or a phone number so that we can reply.' });
  }
  if (result.success && errors.length === 0) return { ok: true, form: result.data };
  return { ok: false, errors };
}
