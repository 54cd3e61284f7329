import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headerPolicyFromHtml, originSource } from '../../site/lib/csp.ts';

describe('the Content-Security-Policy builder', () => {
  it('allows only the site itself by default, with no inline scripts or styles', () => {
    const policy = contentSecurityPolicy();
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toContain("form-action 'self'");
    // A meta tag cannot carry frame-ancestors; the header does.
    expect(policy).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy({}, 'header')).toContain("frame-ancestors 'none'");
  });

  it('adds a page’s sources to their directive only', () => {
    const policy = contentSecurityPolicy({ formAction: ['https://forms.mca.example'], connectSrc: ['https://forms.mca.example'] });
    expect(policy).toContain("form-action 'self' https://forms.mca.example;");
    expect(policy).toContain("connect-src 'self' https://forms.mca.example;");
    expect(policy).toContain("script-src 'self';");
  });

  it('refuses sources that would weaken the policy or break out of their directive', () => {
    expect(() => contentSecurityPolicy({ scriptSrc: ["'unsafe-inline'"] })).toThrow(
      /script-src: "'unsafe-inline'" is not an allowed source/,
    );
    expect(() => contentSecurityPolicy({ connectSrc: ['https://a.example; script-src *'] })).toThrow(/not an allowed source/);
    expect(() => contentSecurityPolicy({ imgSrc: ['*'] })).toThrow(/not an allowed source/);
  });

  it('turns an endpoint URL into its origin, and nothing else into a source', () => {
    expect(originSource('https://forms.mca.example:8443/contact?x=1')).toBe('https://forms.mca.example:8443');
    expect(originSource('/contact')).toBeUndefined();
    expect(originSource('javascript:alert(1)')).toBeUndefined();
  });

  it('gives a server the policy of the page it serves, plus frame-ancestors', () => {
    const html = `<head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="${contentSecurityPolicy({ scriptSrc: ["'wasm-unsafe-eval'"] })}"></head>`;
    expect(headerPolicyFromHtml(html)).toBe(`${contentSecurityPolicy({ scriptSrc: ["'wasm-unsafe-eval'"] })}; frame-ancestors 'none'`);
    expect(headerPolicyFromHtml('<head></head>')).toBeUndefined();
  });
});
