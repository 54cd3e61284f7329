import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { defineField, defineType } from 'sanity';
import { phoneExample, phoneProblem } from '../../phone-rules.ts';
import { emailAddress } from '../objects/field-rules.ts';
import { notBlank } from '../objects/required-text.ts';

/** The centre's contact details; one document with `_id` `contactDetails`. */
export const contactDetails = defineType({
  name: 'contactDetails',
  title: 'Contact details',
  type: 'document',
  icon: EnvelopeIcon,
  fields: [
    defineField({
      name: 'organizationName',
      title: 'Organisation name',
      type: 'string',
      description: "The centre's name, in the footer, on the contact page and in page titles.",
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'address',
      title: 'Address',
      type: 'address',
      description: 'The street address, in the footer and on the contact page.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'phone',
      title: 'Phone',
      type: 'string',
      description: `The support line, shown on every page as a tap-to-call link. Write the area code; add an extension with "ext.", e.g. ${phoneExample}.`,
      validation: (rule) => [
        rule.required().custom(notBlank),
        rule.custom((phone: string | undefined) => (phone ? (phoneProblem(phone) ?? true) : true)),
      ],
    }),
    defineField({
      name: 'supportHours',
      title: 'Support hours',
      type: 'string',
      description: 'When the support line answers, shown beside the number, e.g. "24 hours a day, 7 days a week".',
    }),
    defineField({
      name: 'supportHoursEs',
      title: 'Support hours in Spanish',
      type: 'string',
      description:
        'The support hours for the Spanish pages, e.g. "Las 24 horas del día, los 7 días de la semana". Without it the Spanish pages show the English text.',
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'string',
      description: 'Shown publicly on the contact page and in the footer. Optional.',
      validation: emailAddress,
    }),
    defineField({
      name: 'mapUrl',
      title: 'Map link',
      type: 'url',
      description: 'Optional. A link to the centre on a map (e.g. from OpenStreetMap or Google Maps), shown on the contact page.',
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }).error('Enter a web address that starts with https://'),
    }),
  ],
  preview: { select: { title: 'organizationName', subtitle: 'phone' } },
});
