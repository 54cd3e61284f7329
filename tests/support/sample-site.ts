import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../scripts/chromium.ts';
import { buildSite } from './build-site.ts';
import { serveStatic } from '../../scripts/local-server.ts';

/** The sample dataset built, served on 127.0.0.1 and open to a headless Chromium. */
export interface SampleSite {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the sample site (the default content source) and serves it; throws with the log if the build fails. */
export async function openSampleSite(): Promise<SampleSite> {
  const result = await buildSite({});
  if (result.status !== 0) throw new Error(`The sample build failed:\n${result.output}`);
  const site = await serveStatic(result.outDir);
  const browser = await launchBrowser();
  return {
    url: site.url,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}
