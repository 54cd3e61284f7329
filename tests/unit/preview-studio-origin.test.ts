import { describe, expect, it } from 'vitest';
import { previewStudioOrigins } from '../../site/preview/settings.ts';
import { isStudioOrigin, localStudioOrigins, withStudioOrigins } from '../../site/preview/studio-origin.ts';

describe('the Studio origin a preview page connects to', () => {
  it('is STUDIO_URL’s origin when it is set, else any origin on this machine', () => {
    expect(previewStudioOrigins({ STUDIO_URL: 'https://mca.sanity.studio/desk/' })).toEqual(['https://mca.sanity.studio']);
    expect(previewStudioOrigins({})).toEqual(localStudioOrigins);
    expect(() => previewStudioOrigins({ STUDIO_URL: 'mca.sanity.studio' })).toThrow(
      /STUDIO_URL "mca.sanity.studio" must be the Studio's http\(s\) address/,
    );
  });

  it('matches the configured origin exactly, and a local pattern on any port only', () => {
    const studio = ['https://mca.sanity.studio'];
    expect(isStudioOrigin('https://mca.sanity.studio', studio)).toBe(true);
    for (const other of ['https://evil.example', 'http://mca.sanity.studio', 'https://mca.sanity.studio.evil.example', 'null']) {
      expect(isStudioOrigin(other, studio), other).toBe(false);
    }
    expect(isStudioOrigin('http://localhost:3333', localStudioOrigins)).toBe(true);
    expect(isStudioOrigin('http://127.0.0.1:41234', localStudioOrigins)).toBe(true);
    for (const other of ['http://localhost.evil.example', 'http://127.0.0.1.evil.example:80', 'https://evil.example']) {
      expect(isStudioOrigin(other, localStudioOrigins), other).toBe(false);
    }
  });

  it('is handed to the page in a meta tag at the end of its head', () => {
    expect(withStudioOrigins('<html><head><title>x</title></head><body></body></html>', ['https://mca.sanity.studio'])).toBe(
      '<html><head><title>x</title><meta name="mca-studio-origins" content="https://mca.sanity.studio"></head><body></body></html>',
    );
  });
});
