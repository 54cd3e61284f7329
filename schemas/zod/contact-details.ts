import * as z from 'zod';
import { phoneProblem } from '../phone-rules.ts';
import { documentShape, email, optional, requiredText } from './common.ts';

/** A postal address. */
export const AddressSchema = z.object({
  street: requiredText(),
  suite: optional(z.string()),
  city: requiredText(),
  state: requiredText(),
  postalCode: requiredText(),
  country: optional(z.string()),
});

/** The singleton `contactDetails`: footer, `/contact/` and the organisation's JSON-LD. */
export const ContactDetailsSchema = z.object({
  ...documentShape('contactDetails'),
  /** The organisation's name. */
  organizationName: requiredText(),
  /** Where to find the centre. */
  address: AddressSchema,
  /** The support line, rendered as a `tel:` link. */
  phone: requiredText().check((ctx) => {
    const problem = phoneProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  }),
  /** When the phone is answered. */
  supportHours: optional(z.string()),
  /** `supportHours` in Spanish, for the Spanish pages; without it they show `supportHours`. */
  supportHoursEs: optional(z.string()),
  /** A public contact address. */
  email: optional(email),
  /** A link to a map of the address. */
  mapUrl: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
});

export type ContactDetails = z.infer<typeof ContactDetailsSchema>;
export type Address = z.infer<typeof AddressSchema>;
