import type { DocumentBadgeComponent, DocumentBadgeDescription } from 'sanity';
import { defaultLanguage } from '../../schemas/languages.ts';
import { languageTitle } from '../../schemas/sanity/objects/language-field.ts';

/**
 * "EN" or "ES" beside the status of a translatable document, so an editor always sees which language
 * they are editing. A document without `language` is in the default language and says so.
 */
export const LanguageBadge: DocumentBadgeComponent = (props): DocumentBadgeDescription | null => {
  const document = props.version ?? props.draft ?? props.published;
  const language = typeof document?.['language'] === 'string' ? document['language'] : defaultLanguage;
  return {
    label: language.toUpperCase(),
    title: `${languageTitle(language)}: use the Translations menu to open or create the other languages.`,
    color: 'primary',
  };
};
LanguageBadge.displayName = 'LanguageBadge';
