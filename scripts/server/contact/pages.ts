import type { Language } from '../../../schemas/languages.ts';
import { translations } from '../../../site/i18n/index.ts';
import type { FieldError } from './form.ts';

/** Headers for every page this part writes itself: nothing to frame it, no sniffing, never cached. */
const commonHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cache-control': 'no-store',
};
/** The bare page loads nothing at all. */
const barePolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** The fields the visitor typed into, as `site/components/ContactForm.astro` names them. */
const typedFields = ['name', 'email', 'phone', 'message'] as const;

export interface ProblemPageOptions {
  status: number;
  language: Language;
  title: string;
  intro: string;
  errors: FieldError[];
  formUrl: string;
  /** What the visitor sent, to put back into the form; only the typed fields are used. */
  values?: Record<string, unknown> | undefined;
  /** The site's built contact page (`site-template.ts`), when the server has it. */
  template?: string | undefined;
  headers?: Record<string, string>;
}

const problemItems = (errors: readonly FieldError[], language: Language) => {
  const labels: Record<string, string> = translations[language].contactServer.labels;
  return errors.map((error) => `<li>${escapeHtml(`${labels[error.field] ?? error.field}: ${error.message}`)}</li>`).join('\n');
};

/**
 * The answer to a browser that posted the form without JavaScript and must try again, in the language of
 * the page they sent it from: the site's own contact page (its stylesheet, header, crisis line, phone and
 * footer) with the problems at the top, each field's problem beside it and the form filled in again with
 * what was typed. Without the site's page (unreachable, or built without the form), a small
 * self-contained page lists the problems.
 */
export function problemPage(options: ProblemPageOptions): Response {
  const onSite = options.template ? contactPageWithProblems(options.template, options) : undefined;
  if (onSite) {
    return new Response(onSite.html, {
      status: options.status,
      headers: { ...commonHeaders, 'content-security-policy': onSite.policy, ...options.headers },
    });
  }
  const { contactServer: t, crisis } = translations[options.language];
  const items = problemItems(options.errors, options.language);
  const html = `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
<p>${escapeHtml(options.intro)}</p>
${items ? `<ul>\n${items}\n</ul>` : ''}
<p><a href="${escapeHtml(options.formUrl)}">${escapeHtml(t.back)}</a>. ${escapeHtml(t.backKeeps)}</p>
<p>${escapeHtml(crisis.danger.before)}<a href="tel:911">911</a>${escapeHtml(crisis.danger.after)} ${escapeHtml(crisis.line988.before)}<a href="tel:988">${escapeHtml(crisis.line988.call)}</a>${escapeHtml(crisis.line988.between)}<a href="sms:988">${escapeHtml(crisis.line988.text)}</a>${escapeHtml(crisis.line988.after)}</p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: options.status,
    headers: { ...commonHeaders, 'content-security-policy': barePolicy, ...options.headers },
  });
}

/**
 * The built contact page turned into the problem page, or `undefined` if it has no form to fill. Its
 * site-relative addresses point at the site; its scripts go (the widget's worker must come from the
 * page's own origin, and a visitor here has none running); its own policy is replaced by a header that
 * lets it load the site's styles and images only.
 */
function contactPageWithProblems(template: string, options: ProblemPageOptions): { html: string; policy: string } | undefined {
  if (!template.includes('class="contact-form"') || !/<h1>[^<]*<\/h1>/.test(template)) return undefined;
  const site = new URL(options.formUrl).origin;
  const problems = new Map(options.errors.map((error) => [error.field, error.message]));
  const typed = (field: string) => {
    const value = options.values?.[field];
    return typeof value === 'string' ? value : '';
  };

  let html = template
    .replace(/<meta http-equiv="content-security-policy"[^>]*>/i, '<meta name="robots" content="noindex">')
    .replace(/<script(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link rel="modulepreload"[^>]*>/gi, '')
    .replace(/(\s(?:href|src|action)=")\/(?![/\\])/g, `$1${site}/`)
    .replace(/(\ssrcset=")([^"]*)"/g, (_, start: string, list: string) => `${start}${list.replace(/(^|,\s*)\/(?![/\\])/g, `$1${site}/`)}"`)
    .replace(
      /<title>([^<]*)<\/title>/,
      (_, old: string) => `<title>${escapeHtml(options.title)}${old.includes(' | ') ? old.slice(old.indexOf(' | ')) : ''}</title>`,
    );
  const t = translations[options.language].contactServer;
  const items = problemItems(options.errors, options.language);
  html = html.replace(
    /<h1>[^<]*<\/h1>/,
    () =>
      `<h1>${escapeHtml(options.title)}</h1><div class="form-problems" role="alert"><p>${escapeHtml(options.intro)}</p>${items ? `<ul>\n${items}\n</ul>` : ''}<p><a href="#contact-name">${escapeHtml(t.goToForm)}</a>${escapeHtml(t.stillTyped)}</p></div>`,
  );
  for (const field of typedFields) {
    const problem = problems.get(field);
    const invalid = problem ? ' aria-invalid="true"' : '';
    if (field === 'message') {
      html = html.replace(
        /(<textarea id="contact-message"[^>]*?)>[^<]*<\/textarea>/,
        (_, start: string) => `${start}${invalid}>${escapeHtml(typed(field))}</textarea>`,
      );
    } else {
      html = html.replace(new RegExp(`(<input id="contact-${field}"[^>]*?)(\\s*/?>)`), (_, start: string, end: string) => {
        const value = typed(field);
        return `${start}${value ? ` value="${escapeHtml(value)}"` : ''}${invalid}${end}`;
      });
    }
    if (problem) {
      html = html.replace(
        new RegExp(`<span class="field-error" id="contact-${field}-error" hidden></span>`),
        () => `<span class="field-error" id="contact-${field}-error">${escapeHtml(problem)}</span>`,
      );
    }
  }
  const formOrigin = /<form class="contact-form" action="(https?:\/\/[^"/]+)/.exec(html)?.[1];
  const policy = [
    "default-src 'none'",
    `style-src ${site}`,
    `img-src ${site} data:`,
    `font-src ${site}`,
    `form-action 'self' ${site}${formOrigin && formOrigin !== site ? ` ${formOrigin}` : ''}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, policy };
}
