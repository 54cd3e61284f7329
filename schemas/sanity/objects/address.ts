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
      title: 'Street',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({ name: 'suite', title: 'Suite or floor', type: 'string' }),
    defineField({
      name: 'city',
      title: 'City',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'state',
      title: 'State',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({
      name: 'postalCode',
      title: 'ZIP code',
      type: 'string',
      validation: (rule) => rule.required().custom(notBlank),
    }),
    defineField({ name: 'country', title: 'Country', type: 'string' }),
  ],
});
