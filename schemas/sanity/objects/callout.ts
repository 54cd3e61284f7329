import { InfoOutlineIcon } from '@sanity/icons/InfoOutline';
import { WarningOutlineIcon } from '@sanity/icons/WarningOutline';
import { defineField, defineType } from 'sanity';
import { portableTextModel } from '../../rules.ts';
import { notBlank } from './required-text.ts';

const toneTitles = { info: 'Information', crisis: 'Crisis help' } as const;

/** A highlighted box. `crisis` is for urgent help information (emergency numbers, the 988 line). */
export const callout = defineType({
  name: 'callout',
  title: 'Callout',
  type: 'object',
  icon: InfoOutlineIcon,
  fields: [
    defineField({
      name: 'tone',
      title: 'Tone',
      type: 'string',
      options: {
        list: portableTextModel.calloutTones.map((value) => ({ value, title: toneTitles[value] })),
        layout: 'radio',
      },
      description: '"Crisis help" is for urgent help (911, 988) and stands out more.',
      initialValue: 'info',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 3,
      description: 'The text of the box; keep it short.',
      validation: (rule) => rule.required().custom(notBlank),
    }),
  ],
  preview: {
    select: { tone: 'tone', text: 'text' },
    prepare: ({ tone, text }) => ({
      title: text,
      subtitle: toneTitles[tone as keyof typeof toneTitles] ?? tone,
      media: tone === 'crisis' ? WarningOutlineIcon : InfoOutlineIcon,
    }),
  },
});
