import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { descriptionLength, titleLength } from '../objects/field-rules.ts';
import { imageField } from '../objects/image-fields.ts';
import { notBlank } from '../objects/required-text.ts';
import { slugField } from '../objects/slug-field.ts';

/** An article (`CONTENT-MODEL.md`, `article`): `/articles/<slug>/`. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    { name: 'content', title: 'Content', default: true },
    { name: 'people', title: 'Author and review' },
    { name: 'seo', title: 'Search engines' },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      validation: (rule) => [rule.required().custom(notBlank), ...titleLength(rule)],
    }),
    { ...slugField('title'), group: 'content' },
    defineField({
      name: 'excerpt',
      title: 'Excerpt',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'A summary for article cards, search results and search engines.',
      validation: (rule) => [rule.required().custom(notBlank), ...descriptionLength(rule)],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'datetime',
      group: 'content',
      initialValue: () => new Date().toISOString(),
      validation: (rule) => rule.required(),
    }),
    { ...imageField('mainImage', 'Main image', true), group: 'content' },
    defineField({
      name: 'body',
      title: 'Body',
      type: 'portableText',
      group: 'content',
      validation: (rule) => [rule.required(), rule.min(1).error('Write at least one paragraph')],
    }),
    defineField({
      name: 'topics',
      title: 'Topics',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'topic' }] })],
      // A repeated topic is harmless on the site, so it does not block publishing.
      validation: (rule) => [rule, rule.unique().warning('This topic is listed twice')],
    }),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'reference',
      group: 'people',
      to: [{ type: 'staffMember' }],
      description: 'For team-written articles choose "MCA Staff".',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'reviewer',
      title: 'Clinically reviewed by',
      type: 'reference',
      group: 'people',
      to: [{ type: 'staffMember' }],
    }),
    defineField({
      name: 'reviewedAt',
      title: 'Clinically reviewed on',
      type: 'date',
      group: 'people',
    }),
    defineField({ name: 'seo', title: 'Search engines', type: 'seo', group: 'seo' }),
  ],
  orderings: [
    { title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] },
  ],
  preview: {
    select: { title: 'title', author: 'author.name', date: 'publishedAt', media: 'mainImage' },
    prepare: ({ title, author, date, media }) => ({
      title,
      subtitle: [author, typeof date === 'string' ? date.slice(0, 10) : undefined].filter(Boolean).join(' · '),
      media,
    }),
  },
});
