import type * as z from 'zod';
import type { DocumentType } from '../rules.ts';
import type * as Studio from '../sanity.types.ts';
import { ArticleSchema } from './article.ts';
import { ContactDetailsSchema } from './contact-details.ts';
import { LanguageAssistanceSchema } from './language-assistance.ts';
import { SearchSettingsSchema } from './search-settings.ts';
import { StaffMemberSchema } from './staff-member.ts';
import { TopicSchema } from './topic.ts';
import { TranslationMetadataSchema } from './translation-metadata.ts';

export * from './article.ts';
export * from './common.ts';
export * from './contact-details.ts';
export * from './language-assistance.ts';
export * from './portable-text.ts';
export * from './search-settings.ts';
export * from './staff-member.ts';
export * from './topic.ts';
export * from './translation-metadata.ts';

/** The zod schema of each document type the site reads. */
export const documentSchemas = {
  article: ArticleSchema,
  staffMember: StaffMemberSchema,
  topic: TopicSchema,
  contactDetails: ContactDetailsSchema,
  searchSettings: SearchSettingsSchema,
  languageAssistance: LanguageAssistanceSchema,
  'translation.metadata': TranslationMetadataSchema,
} as const satisfies Record<DocumentType, z.ZodType>;
export * from './references.ts';

/**
 * Each document type as the Studio schema defines it, and one row of its query (`schemas/queries.ts`),
 * as Sanity TypeGen generates them (`npm run typegen`; docs/testing.md says which tests fail when they are stale).
 */
interface StudioDocuments {
  article: Studio.Article;
  staffMember: Studio.StaffMember;
  topic: Studio.Topic;
  contactDetails: Studio.ContactDetails;
  searchSettings: Studio.SearchSettings;
  languageAssistance: Studio.LanguageAssistance;
}

/** What the loader fetches for each type, before the zod schemas parse it. */
export interface DocumentRows {
  article: Studio.ArticlesQueryResult[number];
  staffMember: Studio.StaffMembersQueryResult[number];
  topic: Studio.TopicsQueryResult[number];
  contactDetails: Studio.ContactDetailsQueryResult[number];
  searchSettings: Studio.SearchSettingsQueryResult[number];
  languageAssistance: Studio.LanguageAssistanceQueryResult[number];
  /** The translation plugin's own type: it has no Studio schema of ours to compare with. */
  'translation.metadata': Studio.TranslationGroupsQueryResult[number];
}

/** The fields editors fill in: Sanity's own (`_id`, `_rev`, `_updatedAt` …) left out. */
type EditorKeys<T> = Exclude<keyof T, `_${string}` | symbol>;

type RequiredKeys<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? never : undefined extends T[K] ? never : null extends T[K] ? never : K;
}[keyof T];

/**
 * What a document type's zod schema and the Studio disagree on, as messages; `never` when they agree.
 * Nested fields are compared through the rows: every row must fit the schema's input.
 */
type Disagreement<T extends keyof StudioDocuments, Schema = (typeof documentSchemas)[T], Doc = StudioDocuments[T], Out = z.output<Schema>> =
  | (DocumentRows[T] extends z.input<Schema> ? never : `${T}: a row of its query that the zod schema rejects`)
  | `${T}.${Exclude<EditorKeys<Doc>, keyof Out> & string}: in the Studio, not read by the build`
  | `${T}.${Exclude<EditorKeys<Out>, keyof Doc> & string}: read by the build, not in the Studio`
  | `${T}.${Exclude<EditorKeys<Doc> & RequiredKeys<Doc>, RequiredKeys<Out>> & string}: required in the Studio, optional for the build`
  | `${T}.${Exclude<EditorKeys<Out> & RequiredKeys<Out>, RequiredKeys<Doc>> & string}: required by the build, optional in the Studio`;

/** Compiles only when `T` is `never`; otherwise `tsc` prints what `T` holds. */
type None<T extends never> = T;

/**
 * The one guard that the Studio schema, the queries and the zod schemas agree: `tsc` (`npm run check`)
 * fails here, saying which type and field disagree, when a field is in one and not the other, is
 * required in one and optional in the other, or a row a query returns does not fit its schema.
 */
export type SchemaParity = [
  None<Disagreement<'article'>>,
  None<Disagreement<'staffMember'>>,
  None<Disagreement<'topic'>>,
  None<Disagreement<'contactDetails'>>,
  None<Disagreement<'searchSettings'>>,
  None<Disagreement<'languageAssistance'>>,
];
