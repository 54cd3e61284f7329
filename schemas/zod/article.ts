import * as z from 'zod';
import { rules } from '../rules.ts';
import { documentLanguage, documentShape, optional, optionalImage, referenceTo, requiredText, SlugSchema } from './common.ts';
import { PortableTextSchema } from './portable-text.ts';

/** Search-engine overrides for one article. */
export const SeoSchema = z.object({
  /** Replaces the title in search results and shares. */
  title: optional(z.string().max(rules.titleMax, { error: `at most ${rules.titleMax} characters` })),
  /** Replaces the excerpt as the meta description. */
  description: optional(z.string().max(rules.excerptMax, { error: `at most ${rules.excerptMax} characters` })),
  /** Keeps the page out of search engines. */
  noIndex: optional(z.boolean()),
});

/** An article as the site reads it (`docs/content-model.md`, `article`). */
export const ArticleSchema = z.object({
  ...documentShape('article'),
  /** The document's language; English when absent. */
  language: documentLanguage(),
  /** The headline. */
  title: requiredText(rules.titleMax),
  /** The URL segment: `/articles/<slug>/`. */
  slug: SlugSchema,
  /** Earlier slugs; each old URL redirects to the current one (`docs/content-model.md`, "Redirects"). */
  previousSlugs: optional(z.array(z.string().regex(rules.slugPattern, { error: 'must use only lower-case letters, digits and hyphens' }))),
  /** The summary on cards, in search results and as the meta description. */
  excerpt: requiredText(rules.excerptMax),
  /** The publication date and time. */
  publishedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
  /** The date of the last clinical review. */
  reviewedAt: optional(z.iso.date({ error: 'must be a date (YYYY-MM-DD)' })),
  /** Who wrote it. */
  author: referenceTo('staffMember'),
  /** Who reviewed it clinically. */
  reviewer: optional(referenceTo('staffMember')),
  /** The topics it belongs to. */
  topics: optional(z.array(referenceTo('topic'))),
  /** The lead image. */
  mainImage: optionalImage(),
  /** The text. */
  body: PortableTextSchema.min(1, { error: 'required' }),
  /** Search-engine overrides. */
  seo: optional(SeoSchema),
});

export type Article = z.infer<typeof ArticleSchema>;
