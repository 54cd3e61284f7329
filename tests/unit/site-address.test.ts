import { describe, expect, it } from 'vitest';
import { siteAddress } from '../../site/lib/site-address.ts';

describe('the site address (SITE_URL)', () => {
  it('gives the base path of a GitHub Pages project site, with or without its last slash', () => {
    expect(siteAddress('https://example.github.io/mca-site/')).toEqual({ site: 'https://example.github.io/mca-site/', base: '/mca-site/' });
    expect(siteAddress('https://example.github.io/mca-site')).toEqual({ site: 'https://example.github.io/mca-site/', base: '/mca-site/' });
    expect(siteAddress('https://www.example.org')).toEqual({ site: 'https://www.example.org/', base: '/' });
    expect(siteAddress(undefined)).toEqual({ site: 'http://localhost:4321/', base: '/' });
  });

  it('refuses an address the site cannot be served under, saying why', () => {
    expect(() => siteAddress('www.example.org')).toThrow('SITE_URL "www.example.org" must be an http(s) address');
    expect(() => siteAddress('ftp://example.org/')).toThrow('must be an http(s) address');
    expect(() => siteAddress('https://example.org/?preview=1')).toThrow('must be an address without a query, fragment or credentials');
  });
});
