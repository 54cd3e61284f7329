import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where the Chromium of the tests and the benchmark comes from; printed once per process that launches it. */
export interface ChromiumChoice {
  path: string;
  /** `CHROMIUM_PATH`, a Debian package, or the copy `@sparticuz/chromium` ships in its npm package. */
  origin: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/**
 * `CHROMIUM_PATH` when set; else Debian's headless shell (`.ci/run` installs it: the same Chromium without what a
 * window needs, a third less CPU in the tests) or its full Chromium; else, on any Linux x64 machine after
 * `npm ci` alone, the Chromium that `@sparticuz/chromium` unpacks into the temp folder.
 */
export async function findChromium(): Promise<ChromiumChoice> {
  const configured = process.env['CHROMIUM_PATH']?.trim();
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is ${configured}, but no file is there.`);
    return { path: configured, origin: 'CHROMIUM_PATH' };
  }
  const installed = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path));
  if (installed) return { path: installed, origin: 'system' };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('No Chromium found: install one (e.g. "apt-get install chromium-headless-shell") or set CHROMIUM_PATH.');
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  // WebGL is not needed; without it the graphics libraries are not unpacked.
  packaged.setGraphicsMode = false;
  return { path: await packaged.executablePath(), origin: '@sparticuz/chromium' };
}

let announced = false;

/** Launches headless Chromium with no background network traffic (this machine has no network). */
export async function launchBrowser(): Promise<Browser> {
  const choice = await findChromium();
  const browser = await chromium.launch({
    executablePath: choice.path,
    headless: true,
    // Our own flags only: the serverless flags @sparticuz/chromium suggests turn off web security.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  // Every wait of a page (a locator, a navigation) is for a state: on a busy two-core machine reaching
  // it can take far longer than Playwright's default 30 s.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(120_000);
    context.setDefaultNavigationTimeout(120_000);
    return context;
  };
  if (!announced) {
    announced = true;
    console.log(`[browser] Chromium ${browser.version()} from ${choice.origin} (${choice.path})`);
  }
  return browser;
}
