import * as z from 'zod';
import { crisisTermProblems, synonymProblems } from '../synonym-rules.ts';
import { documentShape, LanguageSchema, optional, requiredText } from './common.ts';

/** A group of terms that mean the same to a visitor, e.g. "rehab", "treatment". */
export const SynonymGroupSchema = z.object({
  /** Sanity's array key. */
  _key: optional(z.string()),
  /** Sanity's type marker. */
  _type: optional(z.string()),
  /** The equivalent terms; the rules across groups (at least 2 terms …) are checked on the whole list. */
  terms: z
    .array(z.string())
    .nullish()
    .transform((terms) => terms ?? []),
  /** The language of the terms (English when absent): the group expands searches on that language's search page only. */
  language: optional(LanguageSchema),
});

/** The synonym groups, checked together: a term may belong to one group only. */
const SynonymGroupsSchema = z.array(SynonymGroupSchema).check((ctx) => {
  for (const problem of synonymProblems(ctx.value)) {
    ctx.issues.push({ code: 'custom', message: problem.reason, input: ctx.value, path: [problem.group, 'terms'] });
  }
});

/** The optional singleton `searchSettings`: synonyms and extra crisis terms for the search page. */
export const SearchSettingsSchema = z.object({
  ...documentShape('searchSettings'),
  /** Groups of equivalent terms that expand a query on the search page. */
  synonyms: optional(SynonymGroupsSchema),
  /** Words or phrases that show the crisis callout, added to the built-in ones. */
  crisisTerms: optional(
    z.array(requiredText()).check((ctx) => {
      for (const problem of crisisTermProblems(ctx.value)) {
        ctx.issues.push({ code: 'custom', message: problem.reason, input: ctx.value, path: [problem.index] });
      }
    }),
  ),
});

export type SearchSettings = z.infer<typeof SearchSettingsSchema>;
export type SynonymGroup = z.infer<typeof SynonymGroupSchema>;
