/**
 * What the benchmark measures: a build's wall time and peak memory (run as a child process), a built
 * site's pages and bytes, an article page's weight, and what Chromium transfers for a first search.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serveStatic } from '../local-server.ts';

export interface BuildRun {
  seconds: number;
  /** The largest resident set of one process of the build, in bytes. */
  peakMemory: number;
  /** The name of that process (`node`, `pagefind`), where it could be told. */
  peakProcess?: string | undefined;
}

const gnuTime = '/usr/bin/time';

/** Each process's name and largest resident set so far, by process id. */
type Peaks = Map<number, { name: string; bytes: number }>;

/**
 * Adds the high-water resident set (`VmHWM`) of `root` and every process below it to `peaks`. Polled
 * while a build runs: Pagefind's indexer is killed without being waited for, so neither GNU time nor the
 * build's `resourceUsage()` ever counts it, and at 10,000 pages it holds more than the build itself.
 */
function samplePeaks(root: number, peaks: Peaks): void {
  const parents = new Map<number, { parent: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The kernel cuts names to 15 characters: `pagefind_extended` reads `pagefind_extend`.
      const name = stat
        .slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
        .replace(/^pagefind.*/, 'pagefind')
        .replace(/^MainThread$/, 'node');
      parents.set(Number(entry), { parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), name });
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([root, ...peaks.keys()]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { parent }] of parents) {
      if (!tree.has(pid) && tree.has(parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of tree) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (!match) continue;
      const bytes = Number(match[1]) * 1024;
      if (bytes > (peaks.get(pid)?.bytes ?? 0)) peaks.set(pid, { name: parents.get(pid)?.name ?? '', bytes });
    } catch {
      // gone meanwhile
    }
  }
}

/**
 * Runs `node <args>` to completion, its output appended to `log`. Peak memory is the largest of: GNU
 * time's figure (the Node process and the children it waited for) or, without GNU time, the Node
 * process's own `resourceUsage()` at exit; and, where `/proc` exists, the high-water mark of every
 * process of the build, polled every `sampleEveryMs` (200 ms by default; `samplePeaks`).
 */
export function timedRun(
  args: readonly string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    log: string;
    sampleEveryMs?: number;
    /** Called after each look at `/proc`, with the peaks seen so far. */
    onSample?: (peaks: ReadonlyMap<number, { name: string; bytes: number }>) => void;
  },
): Promise<BuildRun> {
  const report = `${options.log}.rss`;
  rmSync(report, { force: true });
  const command = existsSync(gnuTime)
    ? [gnuTime, '-f', '%M', '-o', report, process.execPath, ...args]
    : [
        process.execPath,
        '--import',
        `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>writeFileSync(${JSON.stringify(report)},String(process.resourceUsage().maxRSS)))`,
        ...args,
      ];
  const output = openSync(options.log, 'a');
  const started = performance.now();
  const peaks: Peaks = new Map();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', output, output] });
    const poll =
      existsSync('/proc/self/status') && child.pid !== undefined
        ? setInterval(() => {
            samplePeaks(child.pid as number, peaks);
            options.onSample?.(peaks);
          }, options.sampleEveryMs ?? 200)
        : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${args.join(' ')} failed (exit ${code}); see ${options.log}`));
      const reported = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)) * 1024;
      const largest = [...peaks.values()].reduce((top, peak) => (peak.bytes > top.bytes ? peak : top), { name: 'node', bytes: reported });
      resolve({ seconds, peakMemory: largest.bytes, peakProcess: largest.name });
    });
  });
}

export interface SiteStats {
  pages: number;
  /** Every file of the site, in bytes, without compressed copies beside them (`.br`, `.gz`: an older checkout's build wrote them). */
  bytes: number;
  largestPage: { path: string; bytes: number };
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(join(dir, file)).isFile());
}

/** Pages (HTML files), total bytes and the largest page of a built site. */
export function siteStats(dir: string): SiteStats {
  const stats: SiteStats = { pages: 0, bytes: 0, largestPage: { path: '', bytes: 0 } };
  for (const file of filesOf(dir)) {
    // The baseline has no compressed copies: leave out any, so that the sizes compare.
    if (/\.(br|gz)$/.test(file)) continue;
    const size = statSync(join(dir, file)).size;
    stats.bytes += size;
    if (!file.endsWith('.html')) continue;
    stats.pages++;
    if (size > stats.largestPage.bytes) stats.largestPage = { path: `/${file.replace(/index\.html$/, '')}`, bytes: size };
  }
  return stats;
}

export interface PageWeight {
  path: string;
  html: number;
  htmlGzip: number;
  css: number;
  cssGzip: number;
  /** `<script>` elements other than JSON-LD. */
  scripts: number;
}

/** The weight of one page and the stylesheets it links, raw and gzipped. */
export function pageWeight(dir: string, path: string): PageWeight {
  const html = readFileSync(join(dir, path, 'index.html'));
  const text = html.toString();
  const stylesheets = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1] as string);
  const css = Buffer.concat(stylesheets.map((href) => readFileSync(join(dir, href))));
  return {
    path,
    html: html.length,
    htmlGzip: gzipSync(html).length,
    css: css.length,
    cssGzip: stylesheets.length > 0 ? gzipSync(css).length : 0,
    scripts: [...text.matchAll(/<script\b(?![^>]*application\/ld\+json)/g)].length,
  };
}

/**
 * Where a site is served from: the centre's server (`SERVE_LIVE`: Brotli for text and Pagefind's index), or a
 * host that only gzips text, as GitHub Pages does, and sends Pagefind's gzip files as they are.
 */
export type SearchHost = 'server' | 'gzip-host';

export interface SearchTransfer {
  query: string;
  host: SearchHost;
  /** Bytes on the wire (compressed bodies and headers) from navigation on. */
  bytes: number;
  requests: Array<{ url: string; bytes: number }>;
  /** Result links on the page once the network is idle. */
  results: number;
}

/**
 * Opens `/search/?q=<word>` in a fresh Chromium profile and adds up what it transfers (CDP
 * `Network.loadingFinished` `encodedDataLength`) until the network has been idle for a moment.
 */
export async function searchTransfer(dir: string, word: string, host: SearchHost): Promise<SearchTransfer> {
  // Imported here: Playwright is needed for this measurement alone.
  const { launchBrowser } = await import('../chromium.ts');
  const server = await serveStatic(dir, host === 'gzip-host' ? { acceptEncoding: 'gzip' } : {});
  // As the centre's server sends a release once its compressed copies are made.
  await server.compressed();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const requests: SearchTransfer['requests'] = [];
    const pending: Array<Promise<void>> = [];
    // Playwright reports the requests of the page and of its workers (Pagefind searches in a worker);
    // its sizes come from CDP's Network.loadingFinished encodedDataLength.
    page.on('requestfinished', (request) => {
      pending.push(
        request.sizes().then((sizes) => {
          requests.push({ url: request.url().replace(server.url, ''), bytes: sizes.responseHeadersSize + sizes.responseBodySize });
        }),
      );
    });
    const resultLinks = page.locator('main a[href^="/articles/"], main a[href^="/staff/"]');
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(word)}`, { waitUntil: 'networkidle' });
    await resultLinks.first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await Promise.all(pending);
    const results = await resultLinks.count();
    return { query: word, host, bytes: requests.reduce((sum, request) => sum + request.bytes, 0), requests, results };
  } finally {
    await browser.close();
    await server.close();
  }
}
