import { UserIcon } from '@sanity/icons/User';
import { defineField, defineType } from 'sanity';
import { rules } from '../../rules.ts';
import { emailAddress } from '../objects/field-rules.ts';
import { imageField } from '../objects/image-fields.ts';
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
      validation: (rule) => rule.required().custom(notBlank),
    }),
    slugField('name'),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'e.g. "Clinical Director"',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'credentials',
      title: 'Credentials',
      type: 'string',
      description: 'e.g. "LADC II", "LICSW"',
    }),
    imageField('photo', 'Photo', false),
    defineField({
      name: 'shortBio',
      title: 'Short bio',
      type: 'text',
      rows: 3,
      description: 'Shown under their articles and on staff cards.',
      validation: (rule) => rule.max(rules.shortBioMax),
    }),
    defineField({ name: 'bio', title: 'Full bio', type: 'portableText' }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'string',
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
    select: { name: 'name', credentials: 'credentials', role: 'role', media: 'photo' },
    prepare: ({ name, credentials, role, media }) => ({
      title: credentials ? `${name}, ${credentials}` : name,
      subtitle: role,
      media,
    }),
  },
});
