import { BlockquoteIcon } from '@sanity/icons/Blockquote';
import { defineField, defineType } from 'sanity';
import { notBlank } from './required-text.ts';

/** A quotation set apart from the text, with who said it. */
export const pullQuote = defineType({
  name: 'pullQuote',
  title: 'Pull quote',
  type: 'object',
  icon: BlockquoteIcon,
  fields: [
    defineField({
      name: 'quote',
      title: 'Quote',
      type: 'text',
      rows: 3,
      description: 'A sentence from the article or a person, set large beside the text.',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'attribution',
      title: 'Attribution',
      type: 'string',
      description: 'Who said it, with credentials, e.g. "Dana Whitfield, LADC II".',
    }),
  ],
  preview: {
    select: { title: 'quote', subtitle: 'attribution' },
    prepare: ({ title, subtitle }) => ({ title: `“${title ?? ''}”`, subtitle, media: BlockquoteIcon }),
  },
});
