import * as z from 'zod';
import { defaultLanguage, isLanguage, type Language, languageIds } from '../../../schemas/languages.ts';
import { type Strings, translations } from '../../../site/i18n/index.ts';

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

const oneLine = (value: string) => !/[\p{Cc}\u2028\u2029]/u.test(value);
/** No bidirectional controls (U+202A–U+202E, U+2066–U+2069): they reorder how a name or address reads in the inbox. */
const noBidiControls = (value: string) => !/[\u202a-\u202e\u2066-\u2069]/.test(value);
const text = (error: string) => z.string({ error });
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** What the server says to a visitor about the form, in the language of the page they sent it from. */
export type FormText = Strings['contactServer'];

/**
 * A contact message as the visitor sent it: what `site/pages/[...lang]/contact.astro` posts, checked with
 * messages in `t`'s language. `validateForm` also needs an email or a phone.
 */
export function contactFormSchema(t: FormText) {
  return z.object({
    /** Required, one line, at most 100 characters. */
    name: text(t.nameMissing)
      .trim()
      .min(1, { error: t.nameMissing })
      .max(100, { error: t.nameLong })
      .refine(oneLine, { error: t.nameOneLine })
      .refine(noBidiControls, { error: t.nameBidi }),
    /** Optional; with `phone`, at least one of the two. */
    email: z.preprocess(
      blankToUndefined,
      text(t.emailNotText)
        .trim()
        .max(254, { error: t.emailLong })
        .refine(oneLine, { error: t.emailOneLine })
        .refine(noBidiControls, { error: t.emailBidi })
        .pipe(z.email({ error: t.emailInvalid }))
        .optional(),
    ),
    /** Optional; digits with the usual separators and an optional extension. */
    phone: z.preprocess(
      blankToUndefined,
      text(t.phoneNotText)
        .trim()
        .max(40, { error: t.phoneLong })
        .refine((value) => /^\+?[\d\s().-]+(?:\s*(?:ext\.?|x)\s*\d{1,6})?$/i.test(value) && (value.match(/\d/g)?.length ?? 0) >= 7, {
          error: t.phoneInvalid,
        })
        .optional(),
    ),
    /** Required, at most 5,000 characters; line breaks kept. */
    message: text(t.messageMissing)
      .trim()
      .min(1, { error: t.messageMissing })
      .max(5000, { error: t.messageLong })
      .refine((value) => !/[\p{Cc}]/u.test(value.replace(/[\r\n\t]/g, '')), { error: t.messageControl }),
    /** The language of the page the form was sent from (a hidden field); the default language when absent. */
    language: z.enum(languageIds, { error: t.languageInvalid }).default(defaultLanguage),
    [honeypotField]: z.string().optional(),
    [proofField]: z.string().max(8192).optional(),
  });
}

const schemas = Object.fromEntries(
  languageIds.map((language) => [language, contactFormSchema(translations[language].contactServer)]),
) as Record<Language, ReturnType<typeof contactFormSchema>>;

export type ContactForm = z.infer<ReturnType<typeof contactFormSchema>>;

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
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return formError(400, 'The message must be a JSON object of fields.');
  return { ok: true, values: value as Record<string, unknown> };
}

/** Reads `application/x-www-form-urlencoded` or `application/json` (UTF-8 only); anything else is 415. */
export function parseFormBody(contentType: string | null, body: Uint8Array): ParsedBody {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return formError(415, 'Send the form as UTF-8.');
  if (mediaType === 'application/x-www-form-urlencoded') return parseUrlEncoded(body);
  if (mediaType === 'application/json') return parseJson(body);
  return formError(415, 'Send the form as application/x-www-form-urlencoded or application/json.');
}

const given = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * The language to answer a visitor in: the form's own `language` field when it names one of the site's,
 * else the best of the browser's `Accept-Language` (a body that was never read), else the default.
 */
export function answerLanguage(values: Record<string, unknown> | undefined, acceptLanguage: string | null): Language {
  if (isLanguage(values?.['language'])) return values['language'];
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0 && isLanguage(entry.language))
    .sort((a, b) => b.q - a.q)[0];
  return (preferred?.language as Language | undefined) ?? defaultLanguage;
}

/**
 * Checks the fields, and that there is an email address or a phone number; answers every problem at once,
 * one per field, in `language` (the form's own, see `answerLanguage`).
 */
export function validateForm(
  values: Record<string, unknown>,
  language: Language = answerLanguage(values, null),
): { ok: true; form: ContactForm } | { ok: false; errors: FieldError[] } {
  const result = schemas[language].safeParse(values);
  const errors: FieldError[] = [];
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: issue.message });
  }
  if (!given(values['email']) && !given(values['phone'])) {
    errors.push({ field: 'email', message: translations[language].contactServer.reach });
  }
  if (result.success && errors.length === 0) return { ok: true, form: result.data };
  return { ok: false, errors };
}
