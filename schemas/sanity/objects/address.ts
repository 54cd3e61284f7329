import { PinIcon } from '@sanity/icons/Pin';
import { defineField, defineType } from 'sanity';
import { notBlank } from './required-text.ts';

/** A postal address. */
export const address = defineType({
  name: 'address',
  title: 'Address',
  type: 'object',
  icon: PinIcon,
  fields: [
    defineField({
      name: 'street',
      description: 'Number and street, e.g. "1515 Hancock Street".',
      title: 'Street',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({ name: 'suite', title: 'Suite or floor', type: 'string', description: 'Optional, e.g. "Suite 300".' }),
    defineField({
      name: 'city',
      description: 'e.g. "Quincy".',
      title: 'City',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'state',
      description: 'Two letters, e.g. "MA".',
      title: 'State',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'postalCode',
      description: 'e.g. "02169".',
      title: 'ZIP code',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'country',
      title: 'Country',
      type: 'string',
      description: 'Optional; leave empty for the United States.',
    }),
  ],
});
