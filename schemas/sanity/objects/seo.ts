import { SearchIcon } from '@sanity/icons/Search';
import { defineField, defineType } from 'sanity';
import { descriptionLength, titleLength } from './field-rules.ts';

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
      validation: titleLength,
    }),
    defineField({
      name: 'description',
      title: 'Description in search results',
      type: 'text',
      rows: 3,
      description: 'Leave empty to use the excerpt.',
      validation: descriptionLength,
    }),
    defineField({
      name: 'noIndex',
      title: 'Hide from search engines',
      type: 'boolean',
      description: 'Keeps this article out of Google and other search engines and out of the sitemap; it stays on the site.',
      initialValue: false,
    }),
  ],
});
