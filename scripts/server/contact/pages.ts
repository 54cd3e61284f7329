import type { Language } from '../../../schemas/languages.ts';
import { translations } from '../../../site/i18n/index.ts';
import type { FieldError } from './form.ts';

/** Headers for every page this part writes itself: nothing to load, nothing to frame it, no sniffing. */
const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cache-control': 'no-store',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/**
 * A small, self-contained page for a visitor whose browser posted the form without JavaScript, in the
 * language of the page they sent it from: a title that says what happened, every problem as a list, and a
 * link back to the form (the browser's Back button keeps what they typed).
 */
export function problemPage(options: {
  status: number;
  language: Language;
  title: string;
  intro: string;
  errors: FieldError[];
  formUrl: string;
  headers?: Record<string, string>;
}): Response {
  const t = translations[options.language].contactServer;
  const labels: Record<string, string> = t.labels;
  const items = options.errors
    .map((error) => `<li>${escapeHtml(`${labels[error.field] ?? error.field}: ${error.message}`)}</li>`)
    .join('\n');
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
</main>
</body>
</html>
`;
  return new Response(html, { status: options.status, headers: { ...pageHeaders, ...options.headers } });
}
