import { TranslateIcon } from '@sanity/icons/Translate';
import { defineArrayMember, defineField, defineType, type Path } from 'sanity';
import { rules } from '../../rules.ts';
import { notBlank } from '../objects/required-text.ts';

interface NoticeValue {
  _key?: string;
  language?: unknown;
}

/** The notice a `language` field belongs to, from its path `notices[_key=…].language`. */
function noticeAt(notices: readonly NoticeValue[], path: Path | undefined): NoticeValue | undefined {
  const segment = path?.[1];
  if (typeof segment === 'number') return notices[segment];
  if (segment && typeof segment === 'object' && '_key' in segment) return notices.find((notice) => notice?._key === segment._key);
  return undefined;
}

/** A BCP 47 code, and no other notice in the same language (letter case aside). */
function languageCodeRule(
  value: unknown,
  context: { document?: Record<string, unknown> | undefined; path?: Path | undefined },
): true | string {
  if (typeof value !== 'string' || value.trim() === '') return true;
  if (!rules.languageTagPattern.test(value)) return 'Use a BCP 47 language code such as "es", "pt-BR", "ht", "zh-Hant" or "ar"';
  const notices = ((context.document?.['notices'] as NoticeValue[] | undefined) ?? []).filter(Boolean);
  const self = noticeAt(notices, context.path);
  const same = notices.filter((notice) => typeof notice.language === 'string' && notice.language.toLowerCase() === value.toLowerCase());
  return same.length > 1 && same[0] !== self ? `There is already a notice in "${value}": one notice per language` : true;
}

const qualifiedTranslators =
  'Have every notice written or checked by a qualified translator for that language, never by machine translation: ' +
  'a visitor who cannot read English relies on it to ask for help.';

/**
 * The notices that free language assistance is available (`docs/content-model.md`, `languageAssistance`); one
 * optional document with `_id` `languageAssistance`, shown on `/language-assistance/` and linked from
 * the footer of every page.
 */
export const languageAssistance = defineType({
  name: 'languageAssistance',
  title: 'Language assistance',
  type: 'document',
  icon: TranslateIcon,
  fields: [
    defineField({
      name: 'notices',
      title: 'Notices',
      type: 'array',
      description: `One notice per language, each telling visitors in their own language that free language assistance is available and how to ask for it. ${qualifiedTranslators}`,
      of: [
        defineArrayMember({
          name: 'languageNotice',
          title: 'Notice',
          type: 'object',
          icon: TranslateIcon,
          fields: [
            defineField({
              name: 'language',
              title: 'Language code',
              type: 'string',
              description:
                'The language of the notice as a BCP 47 code: "es" Spanish, "pt-BR" Brazilian Portuguese, "ht" Haitian Creole, "zh-Hant" Chinese (traditional), "ar" Arabic. One notice per language.',
              validation: (rule) => [rule.required().custom(notBlank), rule.custom(languageCodeRule)],
            }),
            defineField({
              name: 'languageName',
              title: 'Language name',
              type: 'string',
              description: 'The language\'s name in that language, e.g. "Español", "Português", "Kreyòl ayisyen", "العربية".',
              validation: (rule) => rule.required().custom(notBlank),
            }),
            defineField({
              name: 'text',
              title: 'Notice',
              type: 'text',
              rows: 4,
              description: `The notice itself, in that language: free language assistance is available, and how to ask for it (the phone number, what to say). ${qualifiedTranslators}`,
              validation: (rule) => rule.required().custom(notBlank),
            }),
            defineField({
              name: 'direction',
              title: 'Writing direction',
              type: 'string',
              description:
                'Right to left for Arabic, Hebrew, Persian and Urdu; left to right for the others. Left empty, the site uses the usual direction of the language.',
              options: {
                list: [
                  { value: 'ltr', title: 'Left to right' },
                  { value: 'rtl', title: 'Right to left' },
                ],
                layout: 'radio',
                direction: 'horizontal',
              },
            }),
          ],
          preview: {
            select: { title: 'languageName', language: 'language', direction: 'direction' },
            prepare: ({ title, language, direction }: { title?: string; language?: string; direction?: string }) => ({
              title: title || 'Notice without a language name',
              subtitle: [language, direction === 'rtl' ? 'right to left' : undefined].filter(Boolean).join(' · '),
            }),
          },
        }),
      ],
    }),
  ],
  preview: {
    select: { notices: 'notices' },
    prepare: ({ notices }: { notices?: Array<{ languageName?: string }> }) => ({
      title: 'Language assistance',
      subtitle:
        notices && notices.length > 0
          ? `${notices.length} ${notices.length === 1 ? 'notice' : 'notices'}: ${notices.map((notice) => notice.languageName ?? '?').join(', ')}`
          : 'No notices yet',
    }),
  },
});
