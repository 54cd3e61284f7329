import { describe, expect, it } from 'vitest';
import { isSafeHref } from '../../schemas/rules.ts';
import { renderPortableText } from '../../site/lib/portable-text.ts';
import { fixtureDocuments, pictures } from '../fixtures/fixture-dataset.ts';

const harbour = fixtureDocuments().find((doc) => doc['_id'] === 'article-harbour-lights') as { body: unknown[] };
const urls: Record<string, string> = {
  'article-quiet-mornings': '/articles/quiet-mornings/',
  'staff-rowan-achterberg': '/staff/rowan-achterberg/',
};

function render(blocks: unknown[]) {
  const reports: string[] = [];
  const html = renderPortableText(blocks, {
    where: 'article test (body)',
    resolveReference: (id) => urls[id],
    report: (message) => reports.push(message),
  });
  return { html, reports };
}

const block = (key: string, text: string, extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children: [{ _type: 'span', _key: `${key}s`, text, marks: [] }],
  ...extra,
});

describe('rendering Portable Text', () => {
  const { html, reports } = render(harbour.body);

  it('renders every block style and list', () => {
    expect(html).toMatch(/<h2>Why steady steps help<\/h2>/);
    expect(html).toMatch(/<h3>Small wins<\/h3>/);
    expect(html).toMatch(/<h4>Daily check-ins<\/h4>/);
    expect(html).toMatch(/<blockquote>A quoted passage\.<\/blockquote>/);
    expect(html).toMatch(/<ol><li>First numbered item<\/li><li>Second numbered item<ul><li>Nested bullet item<\/li><\/ul><\/li><\/ol>/);
    expect(html).toMatch(/<ul><li>A bullet item<\/li><\/ul>/);
  });

  it('renders decorators and both kinds of link, internal ones as site URLs', () => {
    expect(html).toContain('<strong>Bold words</strong>');
    expect(html).toContain('<em>italic words</em>');
    expect(html).toContain('<a href="https://findtreatment.gov/" rel="noopener noreferrer">treatment locator</a>');
    expect(html).toContain('<a href="/articles/quiet-mornings/">quiet mornings</a>');
    expect(html).toContain('<a href="/staff/rowan-achterberg/">our counsellor</a>');
  });

  it('renders pull quotes, callouts and images with size and alt text', () => {
    expect(html).toContain(
      '<figure class="pull-quote"><blockquote><p>Connection is the opposite of addiction.</p></blockquote><figcaption>Rowan Achterberg, LADC II</figcaption></figure>',
    );
    expect(html).toMatch(/<aside class="callout callout-crisis"[^>]*>.*In an emergency call 911, or call or text 988\.<\/p><\/aside>/);
    expect(html).toMatch(/<aside class="callout callout-info"[^>]*>.*Groups meet every weekday\.<\/p><\/aside>/);
    // A drawn (SVG) image is published as PNGs, in the widths a photo gets.
    const png = `/media/${pictures.article.name.replace(/\.svg$/, '')}`;
    expect(html).toContain(
      `<img src="${png}.png" srcset="${png}-w320.png 320w, ${png}-w640.png 640w, ${png}-w960.png 960w, ${png}.png 1200w"`,
    );
    expect(html).toContain('width="1200" height="675" alt="A harbour at dusk"');
    expect(html).toContain('<figcaption>The harbour at dusk</figcaption>');
  });

  it('never renders a javascript: link, script text or an unknown block as markup, and reports them', () => {
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('harmless looking link');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt; stays text.');
    expect(html).not.toContain('iframe');
    expect(html).not.toContain('youtube');
    expect(reports).toEqual([
      'article test (body): a link to "javascript:alert(1)" was left out (unsafe or unsupported URL)',
      'article test (body): unknown block type "youtubeEmbed" was left out',
    ]);
  });

  it('leaves out unknown marks, styles and list types but keeps their text', () => {
    const strange = render([
      { ...block('a', 'underlined'), children: [{ _type: 'span', _key: 's', text: 'underlined', marks: ['underline'] }] },
      block('b', 'big heading', { style: 'h1' }),
      block('c', 'checklist item', { listItem: 'check', level: 1 }),
      {
        ...block('d', 'link'),
        markDefs: [{ _key: 'm', _type: 'footnote', text: 'x' }],
        children: [{ _type: 'span', _key: 's', text: 'noted', marks: ['m'] }],
      },
    ]);
    expect(strange.html).toBe('<p>underlined</p><p>big heading</p><ul><li>checklist item</li></ul><p>noted</p>');
    expect(strange.reports).toEqual([
      'article test (body): unknown mark "underline" was left out (its text is kept)',
      'article test (body): unknown style "h1" rendered as a paragraph',
      'article test (body): unknown list type "check" rendered as a bulleted list',
      'article test (body): unknown mark "footnote" was left out (its text is kept)',
    ]);
  });

  it('drops links to unpublished documents, keeping the text', () => {
    const result = render([
      {
        ...block('a', 'x'),
        markDefs: [{ _key: 'i', _type: 'internalLink', reference: { _ref: 'drafts.article-x' } }],
        children: [{ _type: 'span', _key: 's', text: 'a draft', marks: ['i'] }],
      },
    ]);
    expect(result.html).toBe('<p>a draft</p>');
    expect(result.reports).toEqual(['article test (body): a link to drafts.article-x was left out (the target is not published)']);
  });

  it('escapes attribute values', () => {
    const result = render([
      {
        ...block('a', 'x'),
        markDefs: [{ _key: 'l', _type: 'link', href: 'https://example.org/?a="><script>alert(1)</script>' }],
        children: [{ _type: 'span', _key: 's', text: 'odd', marks: ['l'] }],
      },
    ]);
    expect(result.html).not.toContain('<script');
    expect(result.html).toContain('href="https://example.org/?a=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('accepts only http(s), mailto, tel and site-relative URLs', () => {
    for (const safe of ['https://samhsa.gov', 'http://a.b', 'mailto:a@b.c', 'tel:+16175550142', '/contact/', '#top']) {
      expect(isSafeHref(safe), safe).toBe(true);
    }
    for (const unsafe of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example',
      'ftp://x',
      '',
    ]) {
      expect(isSafeHref(unsafe), unsafe).toBe(false);
    }
  });

  it('never counts a path that browsers read as another host as site-relative', () => {
    // Browsers turn "\" into "/" and drop tabs and newlines in http(s) URLs: each of these opens evil.example.
    for (const unsafe of ['/\\evil.example/x', '/\\\\evil.example', '/\t/evil.example/x', '/\n\\evil.example']) {
      expect(new URL(unsafe, 'https://mca.example/articles/').host, unsafe).toBe('evil.example');
      expect(isSafeHref(unsafe), unsafe).toBe(false);
    }
    const result = render([
      {
        ...block('a', 'x'),
        markDefs: [{ _key: 'l', _type: 'link', href: '/\\evil.example/x' }],
        children: [{ _type: 'span', _key: 's', text: 'odd', marks: ['l'] }],
      },
    ]);
    expect(result.html).not.toContain('<a');
    expect(result.reports).toEqual([expect.stringContaining('a link to "/\\\\evil.example/x" was left out')]);
  });
});
