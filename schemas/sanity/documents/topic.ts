import { TagIcon } from '@sanity/icons/Tag';
import { defineField, defineType } from 'sanity';
import { languageField } from '../objects/language-field.ts';
import { notBlank } from '../objects/required-text.ts';
import { slugField } from '../objects/slug-field.ts';

/** A subject that groups articles: `/topics/<slug>/`. */
export const topic = defineType({
  name: 'topic',
  title: 'Topic',
  type: 'document',
  icon: TagIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: "The topic's name, on its page and on the tags under articles.",
      validation: (rule) => rule.required().custom(notBlank),
    }),
    slugField('title'),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
      description: 'Optional. One or two sentences introducing the topic on its page.',
    }),
    languageField,
  ],
  preview: { select: { title: 'title', subtitle: 'description' } },
});
