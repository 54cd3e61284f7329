import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { ImageIcon } from '@sanity/icons/Image';
import { LinkIcon } from '@sanity/icons/Link';
import { defineArrayMember, defineField, defineType, type PortableTextBlock } from 'sanity';
import { isSafeHref, missingSchemeProblem, portableTextModel, rules } from '../../rules.ts';
import { altTextField, captionField, imageOptions } from './image-fields.ts';
import { notBlank } from './required-text.ts';

const titles: Record<string, string> = {
  normal: 'Normal',
  h2: 'Heading 2',
  h3: 'Heading 3',
  h4: 'Heading 4',
  blockquote: 'Quote',
  bullet: 'Bulleted list',
  number: 'Numbered list',
  strong: 'Bold',
  em: 'Italic',
};

const unsafeLinkMessage = 'The site shows this as plain text, not a link: use https://…, mailto:…, tel:… or a path such as /contact/';

const option = (value: string) => ({ title: titles[value] ?? value, value });

/** A list item nested deeper than the site renders (`rules.listLevelMax`) is an error, as in the build. */
function listLevel(block: PortableTextBlock | undefined): true | string {
  const level = block?.['level'];
  if (level === undefined || level === null) return true;
  return typeof level === 'number' && level >= 1 && level <= rules.listLevelMax
    ? true
    : `Lists nest at most ${rules.listLevelMax} levels deep: move this item out to level ${rules.listLevelMax} or less`;
}

/**
 * The rich text editors use for article bodies and bios: exactly the styles, lists, marks and custom
 * blocks the site renders (`rules.portableTextModel`).
 */
export const portableText = defineType({
  name: 'portableText',
  title: 'Rich text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      validation: (rule) => rule.custom(listLevel),
      styles: portableTextModel.styles.map(option),
      lists: portableTextModel.lists.map(option),
      marks: {
        decorators: portableTextModel.decorators.map(option),
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'External link',
            type: 'object',
            icon: LinkIcon,
            fields: [
              defineField({
                name: 'href',
                title: 'URL',
                type: 'url',
                description: 'A web address (https://…), an email (mailto:…), a phone number (tel:…) or a page of this site (/contact/).',
                validation: (rule) => [
                  rule.required().custom(notBlank),
                  rule.custom((href: string | undefined) => missingSchemeProblem(href) ?? true),
                  // The site renders any other address as plain text (docs/content-model.md), so it warns, not blocks.
                  rule
                    .uri({ scheme: [/^[a-z][a-z0-9+.-]*$/i], allowRelative: true })
                    .custom((href: string | undefined) =>
                      !href || isSafeHref(href) || missingSchemeProblem(href) ? true : unsafeLinkMessage,
                    )
                    .warning(unsafeLinkMessage),
                ],
              }),
            ],
          }),
          defineArrayMember({
            name: 'internalLink',
            title: 'Link to an article or staff member',
            type: 'object',
            icon: DocumentTextIcon,
            fields: [
              defineField({
                name: 'reference',
                title: 'Page',
                type: 'reference',
                description: 'The article or staff member to link to; the link follows it if its address changes.',
                to: portableTextModel.internalLinkTargets.map((type) => ({ type })),
                validation: (rule) => rule.required(),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({
      name: 'image',
      title: 'Image',
      type: 'image',
      icon: ImageIcon,
      options: imageOptions,
      fields: [altTextField(), captionField()],
      validation: (rule) => rule.required().assetRequired(),
      preview: { select: { title: 'alt', subtitle: 'caption', media: 'asset' } },
    }),
    defineArrayMember({ type: 'pullQuote' }),
    defineArrayMember({ type: 'callout' }),
  ],
});
