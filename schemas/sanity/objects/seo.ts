import { SearchIcon } from '@sanity/icons/Search';
import { defineField, defineType } from 'sanity';
import { rules } from '../../rules.ts';

/** Optional search-engine overrides for an article. */
export const seo = defineType({
  name: 'seo',
  title: 'Search engines',
  type: 'object',
  icon: SearchIcon,
  options: { collapsible: true, collapsed: true },
  fields: [
    defineField({
      name: 'title',
      title: 'Title in search results',
      type: 'string',
      description: 'Leave empty to use the article title.',
      validation: (rule) => [
        rule.max(rules.titleMax),
        rule.max(rules.titleSoftMax).warning(`Search engines cut titles longer than ${rules.titleSoftMax} characters.`),
      ],
    }),
    defineField({
      name: 'description',
      title: 'Description in search results',
      type: 'text',
      rows: 3,
      description: 'Leave empty to use the excerpt.',
      validation: (rule) => [
        rule.max(rules.excerptMax),
        rule
          .max(rules.excerptSoftMax)
          .warning(`Search engines cut descriptions longer than ${rules.excerptSoftMax} characters.`),
      ],
    }),
    defineField({
      name: 'noIndex',
      title: 'Hide from search engines',
      type: 'boolean',
      initialValue: false,
    }),
  ],
});
