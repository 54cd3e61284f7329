import type * as z from 'zod';
import type { DocumentType } from '../rules.ts';
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
