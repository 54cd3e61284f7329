import * as z from 'zod';
import { documentLanguage, documentShape, optional, requiredText, SlugSchema } from './common.ts';

/** A subject that groups articles: `/topics/<slug>/`. */
export const TopicSchema = z.object({
  ...documentShape('topic'),
  /** The document's language; English when absent. */
  language: documentLanguage(),
  /** The name shown on tags and the topic page. */
  title: requiredText(),
  /** The URL segment. */
  slug: SlugSchema,
  /** One or two sentences for the topic page. */
  description: optional(z.string()),
});

export type Topic = z.infer<typeof TopicSchema>;
