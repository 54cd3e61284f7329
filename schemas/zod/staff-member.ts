import * as z from 'zod';
import { rules } from '../rules.ts';
import { documentLanguage, documentShape, email, optional, optionalImage, requiredText, SlugSchema } from './common.ts';
import { PortableTextSchema } from './portable-text.ts';

/** A person (or a team entry such as "MCA Staff") as the site reads it. */
export const StaffMemberSchema = z.object({
  ...documentShape('staffMember'),
  /** The document's language; English when absent. */
  language: documentLanguage(),
  /** Full name. */
  name: requiredText(),
  /** The URL segment: `/staff/<slug>/`. */
  slug: SlugSchema,
  /** Job title, e.g. "Clinical Director". */
  role: requiredText(),
  /** Licences and degrees, e.g. "LADC II". */
  credentials: optional(z.string()),
  /** A portrait. */
  photo: optionalImage(),
  /** The byline box and staff cards. */
  shortBio: optional(z.string().max(rules.shortBioMax, { error: `at most ${rules.shortBioMax} characters` })),
  /** The full bio page. */
  bio: optional(PortableTextSchema),
  /** A public work address. */
  email: optional(email),
  /** Position in the staff directory (then by name). */
  order: optional(z.number({ error: 'must be a number' })),
  /** A shared entry such as "MCA Staff": it may write articles but never be a clinical reviewer. */
  isTeamAccount: optional(z.boolean({ error: 'must be true or false' })),
  /** May clinically review articles: the Studio offers only these as reviewers (the build does not check it). */
  canReviewClinical: optional(z.boolean({ error: 'must be true or false' })),
});

export type StaffMember = z.infer<typeof StaffMemberSchema>;
