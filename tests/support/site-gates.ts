import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import type { Page } from 'playwright-core';

const root = new URL('../..', import.meta.url);

/** axe-core, to add to a page (`page.addInitScript(axeSource)`, or `page.evaluate(axeSource)` once it is open). */
export const axeSource = readFileSync(new URL('node_modules/axe-core/axe.min.js', root), 'utf8');

/**
 * What axe finds against WCAG 2.1 AA on the page as it is now (axe must be on it: `axeSource`), one line per
 * rule: `rule: [the elements' selectors]`.
 */
export function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
  });
}

/** Every HTML file of a built site, as paths relative to `outDir`. */
export function htmlFiles(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'))
    .sort();
}

/**
 * Validates every page with html-validate and the repository's `.htmlvalidate.json` (why each rule is
 * off: docs/testing.md, "Quality gates"). Answers one line per problem: `file:line rule: message`.
 */
export async function validateHtml(outDir: string): Promise<string[]> {
  const config = JSON.parse(readFileSync(new URL('.htmlvalidate.json', root), 'utf8'));
  const validator = new HtmlValidate(new StaticConfigLoader({ ...config, root: true }));
  const problems: string[] = [];
  for (const file of htmlFiles(outDir)) {
    const report = await validator.validateFile(join(outDir, file));
    for (const result of report.results) {
      for (const message of result.messages) problems.push(`${file}:${message.line} ${message.ruleId}: ${message.message}`);
    }
  }
  return problems;
}

const decode = (value: string) =>
  value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

/** The URLs a page points at: links, stylesheets, scripts, images (and each `srcset` candidate), forms, share metadata. */
function referencesOf(html: string): string[] {
  const found: string[] = [];
  for (const [, name, value] of html.matchAll(/\s(href|src|srcset|action)="([^"]*)"/g)) {
    const decoded = decode(value ?? '');
    if (name === 'srcset') found.push(...decoded.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''));
    else found.push(decoded);
  }
  for (const [, value] of html.matchAll(/<meta property="og:(?:url|image)" content="([^"]*)"/g)) found.push(decode(value ?? ''));
  return found.filter(Boolean);
}

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    ids = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)].map(([, id]) => decode(id ?? '')));
    idsCache.set(file, ids);
  }
  return ids;
}

/**
 * Our own link checker over a built site: every reference from every page to the site itself (by a
 * site-relative path or an absolute URL under `siteUrl`, base path included) must name a file of
 * `outDir`, and a `#fragment` must name an element id of the page it points at. References to other
 * hosts, mailto: and tel: are not followed. Answers one line per broken reference.
 */
export function brokenLinks(outDir: string, siteUrl: string): string[] {
  const site = new URL(siteUrl);
  const broken: string[] = [];
  idsCache.clear();
  for (const file of htmlFiles(outDir)) {
    const pagePath = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
    const pageUrl = new URL(pagePath, site);
    for (const reference of referencesOf(readFileSync(join(outDir, file), 'utf8'))) {
      const url = new URL(reference, pageUrl);
      if (url.origin !== site.origin || !/^https?:$/.test(url.protocol)) continue;
      if (!url.pathname.startsWith(site.pathname)) {
        broken.push(`${file}: ${reference} (outside the base path ${site.pathname})`);
        continue;
      }
      const relative = decodeURIComponent(url.pathname.slice(site.pathname.length));
      let target = join(outDir, relative);
      if (relative === '' || relative.endsWith('/')) target = join(target, 'index.html');
      if (!existsSync(target) || !statSync(target).isFile()) {
        broken.push(`${file}: ${reference} (no ${relative || 'index.html'})`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !idsOf(target).has(fragment)) broken.push(`${file}: ${reference} (no id "${fragment}")`);
    }
  }
  return broken;
}
