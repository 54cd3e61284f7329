import { describe, expect, it } from 'vitest';
import { parseSettings, ServerEnvSchema, SiteEnvSchema } from '../../schemas/settings.ts';
import { siteAddress } from '../../site/lib/site-address.ts';

describe('settings with addresses in them', () => {
  it('gives the base path of a GitHub Pages project site, with or without its last slash', () => {
    expect(siteAddress('https://example.github.io/mca-site/')).toEqual({ site: 'https://example.github.io/mca-site/', base: '/mca-site/' });
    expect(siteAddress('https://example.github.io/mca-site')).toEqual({ site: 'https://example.github.io/mca-site/', base: '/mca-site/' });
    expect(siteAddress('https://www.example.org')).toEqual({ site: 'https://www.example.org/', base: '/' });
    expect(siteAddress(undefined)).toEqual({ site: 'http://localhost:4321/', base: '/' });
  });

  it('refuses an address the site cannot be served under, saying why', () => {
    expect(() => siteAddress('www.example.org')).toThrow('SITE_URL: must be an http(s) address');
    expect(() => siteAddress('ftp://example.org/')).toThrow('must be an http(s) address');
    expect(() => siteAddress('https://example.org/?preview=1')).toThrow('must be an address without a query, fragment or credentials');
  });

  it('names a malformed contact endpoint or mail server instead of crashing on it', () => {
    expect(() => parseSettings(SiteEnvSchema, { CONTACT_FORM_ACTION: 'forms.example.org' }, 'site')).toThrow(
      'CONTACT_FORM_ACTION: must be a URL such as https://forms.example.org/contact',
    );
    expect(() => parseSettings(ServerEnvSchema, { SMTP_URL: 'mail.example.org' }, 'server')).toThrow(
      'SMTP_URL: must be a URL such as smtps://user:password@mail.example.org:465',
    );
  });

  it('sends the GitHub token only over https (plain http only to this machine, as the tests’ stand-in is)', () => {
    const github = (url: string) => parseSettings(ServerEnvSchema, { GITHUB_API_URL: url }, 'server').GITHUB_API_URL;
    expect(() => github('http://github.example.org/api/v3')).toThrow('GITHUB_API_URL: must be an https:// URL');
    expect(github('https://github.example.org/api/v3')).toBe('https://github.example.org/api/v3');
    expect(github('http://127.0.0.1:9000')).toBe('http://127.0.0.1:9000');
  });
});
