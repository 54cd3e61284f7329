import { UserIcon } from '@sanity/icons/User';
import { defineField, defineType } from 'sanity';
import { rules } from '../../rules.ts';
import { emailAddress } from '../objects/field-rules.ts';
import { imageField } from '../objects/image-fields.ts';
import { languageField } from '../objects/language-field.ts';
import { notBlank } from '../objects/required-text.ts';
import { slugField } from '../objects/slug-field.ts';

/** A member of staff, or a team entry such as "MCA Staff": `/staff/<slug>/`. */
export const staffMember = defineType({
  name: 'staffMember',
  title: 'Staff member',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'As it appears on the staff page and in article bylines.',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    slugField('name'),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'Their job title, shown under their name, e.g. "Clinical Director".',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      description: 'Licences and degrees, shown after their name, e.g. "LADC II", "LICSW".',
    }),
    {
      ...imageField('photo', 'Photo', false),
      description: 'Optional. A portrait for the staff page, staff cards and article bylines; square works best.',
    },
    defineField({
      name: 'shortBio',
      title: 'Short bio',
      type: 'text',
      rows: 3,
      description: 'Two or three sentences, shown under their articles and on staff cards (at most 300 characters).',
      validation: (rule) => rule.max(rules.shortBioMax),
    }),
    defineField({
      name: 'bio',
      title: 'Full bio',
      type: 'portableText',
      description: 'Optional. The longer biography on their own staff page.',
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'string',
      description:
        'Shown publicly on their staff page as a mailto link: use a work address, never a personal one. Leave empty to show none.',
      validation: emailAddress,
    }),
    defineField({
      name: 'order',
      title: 'Position in the staff directory',
      type: 'number',
      description: 'Lower numbers come first; people with the same number are sorted by name.',
      // Any number sorts; whole numbers are easier to keep in order.
      validation: (rule) => [rule, rule.integer().warning('Use a whole number, e.g. 10, 20, 30')],
    }),
    defineField({
      name: 'isTeamAccount',
      title: 'Team account',
      type: 'boolean',
      description:
        'Tick for a shared entry such as "MCA Staff" that stands for the team rather than one person. A team account can be an article\'s author but never its clinical reviewer.',
    }),
    defineField({
      name: 'canReviewClinical',
      title: 'Can review clinical content',
      type: 'boolean',
      description:
        'Tick for a clinician who may clinically review articles: only people ticked here are offered as "Clinically reviewed by". Never tick it on a team account.',
      initialValue: false,
    }),
    languageField,
  ],
  orderings: [
    {
      title: 'Directory order',
      name: 'directoryOrder',
      by: [
        { field: 'order', direction: 'asc' },
        { field: 'name', direction: 'asc' },
      ],
    },
  ],
  preview: {
    select: { name: 'name', credentials: 'credentials', role: 'role', media: 'photo', team: 'isTeamAccount' },
    prepare: ({ name, credentials, role, media, team }) => ({
      title: credentials ? `${name}, ${credentials}` : name,
      subtitle: team ? `${role} · team account` : role,
      media,
    }),
  },
});
