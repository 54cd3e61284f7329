import { defineMiddleware } from 'astro:middleware';
import { withoutBase } from '../lib/urls.ts';
import { indexPage, searchIndexJob } from './pagefind.ts';

const job = searchIndexJob();

/**
 * Build only (`pagefind.ts` adds it): hands each rendered page that opts into search
 * (`data-pagefind-body`) to Pagefind under its site path, as Pagefind would name the file it was
 * written to (`/articles/x/`, without the base path, which the search page gives Pagefind at run time).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (!response.headers.get('content-type')?.startsWith('text/html')) return response;
  const html = await response.text();
  if (html.includes('data-pagefind-body')) {
    await indexPage(job, withoutBase(context.url.pathname), html);
  }
  return new Response(html, response);
});
