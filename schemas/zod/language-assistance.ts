import * as z from 'zod';
import { rules } from '../rules.ts';
import { documentShape, optional, requiredText } from './common.ts';

/** The writing direction a language's script runs in, when the notice does not say. */
function directionOf(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & { getTextInfo?: () => { direction?: string } };
    return locale.getTextInfo?.().direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** The notice in one language that free language assistance exists and how to ask for it. */
export const LanguageNoticeSchema = z
  .object({
    /** Sanity's array key. */
    _key: optional(z.string()),
    /** Sanity's type marker. */
    _type: optional(z.string()),
    /** The notice's language as a BCP 47 code; its `lang` attribute. */
    language: requiredText().regex(rules.languageTagPattern, {
      error: 'must be a BCP 47 language code such as "es", "pt-BR" or "zh-Hant"',
    }),
    /** The language's own name, e.g. "Español". */
    languageName: requiredText(),
    /** The notice, written by a qualified translator. */
    text: requiredText(),
    /** `ltr` or `rtl`; when absent, the direction of the language's script. */
    direction: optional(z.enum(['ltr', 'rtl'], { error: 'must be "ltr" or "rtl"' })),
  })
  .transform((notice) => ({ ...notice, direction: notice.direction ?? directionOf(notice.language) }));

/** The optional singleton `languageAssistance`: the notices of `/language-assistance/`. */
export const LanguageAssistanceSchema = z.object({
  ...documentShape('languageAssistance'),
  /** One notice per language, each language once. */
  notices: optional(
    z.array(LanguageNoticeSchema).check((ctx) => {
      const seen = new Map<string, number>();
      ctx.value.forEach((notice, index) => {
        const key = notice.language.toLowerCase();
        const first = seen.get(key);
        if (first === undefined) seen.set(key, index);
        else
          ctx.issues.push({
            code: 'custom',
            message: `"${notice.language}" already has notice ${first + 1}: one notice per language`,
            input: ctx.value,
            path: [index, 'language'],
          });
      });
    }),
  ),
});

export type LanguageAssistance = z.infer<typeof LanguageAssistanceSchema>;
export type LanguageNotice = LanguageAssistance['notices'] extends (infer N)[] | undefined ? N : never;
