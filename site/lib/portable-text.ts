import { escapeHTML, type PortableTextComponents, toHTML } from '@portabletext/to-html';
import { isSafeHref, portableTextModel } from '../../schemas/rules.ts';
import { type ImageSource, imageTag } from './images.ts';
import { withBase } from './urls.ts';

/** What rendering needs from the rest of the site. */
export interface RenderContext {
  /** The document being rendered, for reports: e.g. `article article-peer-support (body)`. */
  where: string;
  /** The site URL of a referenced article or staff member, or `undefined` when it is not published. */
  resolveReference(id: string): string | undefined;
  /** Receives each thing left out (unknown types, unsafe links). Defaults to a build-log warning. */
  report?(message: string): void;
}

const attribute = (value: string) => escapeHTML(value);

function renderImage(value: ImageSource): string {
  const img = imageTag(value, { maxWidth: 1200, sizes: '(min-width: 48rem) 44rem, 100vw' });
  if (!img) return '';
  const caption = value.caption ? `<figcaption>${escapeHTML(value.caption)}</figcaption>` : '';
  return `<figure class="pt-image">${img}${caption}</figure>`;
}

const unknownPrefix = /^unknown:/;
const styleSet = new Set<string>(portableTextModel.styles);
const listSet = new Set<string>(portableTextModel.lists);

/**
 * Renders Portable Text to HTML with the site's blocks. Text is always escaped; unknown block types,
 * styles, lists and marks are left out (their text kept where there is text) and reported; links with
 * unsafe schemes lose the link and are reported; internal links become site URLs.
 */
export function renderPortableText(blocks: readonly unknown[], context: RenderContext): string {
  const report = context.report ?? ((message: string) => console.warn(`[content] ${message}`));
  const note = (message: string) => report(`${context.where}: ${message}`);

  const leaveOutMark = ({ children, markType }: { children: string; markType: string }) => {
    note(`unknown mark "${markType}" was left out (its text is kept)`);
    return children;
  };

  const components: PortableTextComponents = {
    types: {
      image: ({ value }) => {
        const html = renderImage(value as ImageSource);
        if (!html) note('an image whose file cannot be found was left out');
        return html;
      },
      pullQuote: ({ value }: { value: { quote: string; attribution?: string } }) => {
        const attribution = value.attribution ? `<figcaption>${escapeHTML(value.attribution)}</figcaption>` : '';
        return `<figure class="pull-quote"><blockquote><p>${escapeHTML(value.quote)}</p></blockquote>${attribution}</figure>`;
      },
      callout: ({ value }: { value: { tone: string; text: string } }) => {
        const crisis = value.tone === 'crisis';
        const label = crisis ? 'If you need help now' : 'Good to know';
        return `<aside class="callout callout-${crisis ? 'crisis' : 'info'}" aria-label="${label}"><p class="callout-label">${label}</p><p>${escapeHTML(value.text)}</p></aside>`;
      },
    },
    marks: {
      strong: ({ children }) => `<strong>${children}</strong>`,
      em: ({ children }) => `<em>${children}</em>`,
      link: ({ children, value }: { children: string; value?: { href?: unknown } }) => {
        if (!isSafeHref(value?.href)) {
          note(`a link to ${JSON.stringify(String(value?.href ?? ''))} was left out (unsafe or unsupported URL)`);
          return children;
        }
        const written = value.href.trim();
        // A site-relative link is served under the base path, like every link the site writes.
        const href = written.startsWith('/') ? withBase(written) : written;
        const external = /^https?:/i.test(href);
        return `<a href="${attribute(href)}"${external ? ' rel="noopener noreferrer"' : ''}>${children}</a>`;
      },
      internalLink: ({ children, value }: { children: string; value?: { reference?: { _ref?: string } } }) => {
        const id = value?.reference?._ref;
        const url = id ? context.resolveReference(id) : undefined;
        if (!url) {
          note(`a link to ${id ?? 'nothing'} was left out (the target is not published)`);
          return children;
        }
        return `<a href="${attribute(url)}">${children}</a>`;
      },
      // to-html renders these decorators by default; the content model does not have them.
      code: leaveOutMark,
      underline: leaveOutMark,
      'strike-through': leaveOutMark,
    },
    unknownType: ({ value }) => {
      note(`unknown block type "${String(value._type)}" was left out`);
      return '';
    },
    unknownMark: leaveOutMark,
    unknownBlockStyle: ({ children, value }) => {
      note(`unknown style "${String(value.style).replace(unknownPrefix, '')}" rendered as a paragraph`);
      return `<p>${children ?? ''}</p>`;
    },
    unknownList: ({ children, value }) => {
      note(`unknown list type "${String(value.listItem).replace(unknownPrefix, '')}" rendered as a bulleted list`);
      return `<ul>${children ?? ''}</ul>`;
    },
    unknownListItem: ({ children }) => `<li>${children ?? ''}</li>`,
  };

  // Styles and list types outside the model must go through the "unknown" paths above.
  const known = blocks.map((block) => {
    const value = block as { _type?: unknown; style?: unknown; listItem?: unknown };
    if (value._type !== 'block') return block;
    const style = typeof value.style === 'string' && !styleSet.has(value.style) ? `unknown:${value.style}` : value.style;
    const listItem = typeof value.listItem === 'string' && !listSet.has(value.listItem) ? `unknown:${value.listItem}` : value.listItem;
    return { ...value, style, listItem };
  });

  return toHTML(known as Parameters<typeof toHTML>[0], { components, onMissingComponent: false });
}
