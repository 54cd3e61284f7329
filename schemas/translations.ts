import { defaultLanguage, type Language, translatableTypes } from './languages.ts';

/** A translatable document as the translation rules see it. */
export interface TranslatableDocument {
  _id: string;
  _type: string;
  language?: unknown;
}

/** A translation group as stored (`translation.metadata`), read loosely: the rules below report what is wrong. */
export interface TranslationGroupLike {
  _id: string;
  translations?: ReadonlyArray<{ value?: { _ref?: unknown } | null | undefined } | null | undefined> | null | undefined;
}

/** One broken translation rule, in the `ContentProblem` shape of `validate-dataset.ts`. */
export interface TranslationProblem {
  id: string;
  type: string;
  path: string;
  reason: string;
}

/** The published translations of one document, by language, itself included. */
export type Translations = ReadonlyMap<string, string>;

/**
 * Joins published documents into their translation groups (`docs/content-model.md`, "Languages"): for each
 * document in a group, the ids of its published translations by language. A reference to a document
 * that is not published (a translation that exists only as a draft) is ignored. Two documents of one
 * language in a group, documents of different types in a group, and one document in two groups are
 * problems; the first placement wins, so the site still builds a consistent picture for the report.
 */
export function joinTranslations(
  documents: Iterable<TranslatableDocument>,
  groups: Iterable<TranslationGroupLike>,
): { translationsOf: Map<string, Translations>; problems: TranslationProblem[] } {
  const published = new Map<string, { type: string; language: string }>();
  for (const doc of documents) {
    if (!(translatableTypes as readonly string[]).includes(doc._type)) continue;
    const language = typeof doc.language === 'string' && doc.language !== '' ? doc.language : defaultLanguage;
    published.set(doc._id, { type: doc._type, language });
  }
  const problems: TranslationProblem[] = [];
  const groupOf = new Map<string, string>();
  const translationsOf = new Map<string, Translations>();
  for (const group of groups) {
    const members = new Map<string, string>();
    let groupType: string | undefined;
    (group.translations ?? []).forEach((item, index) => {
      const ref = item?.value?._ref;
      const doc = typeof ref === 'string' ? published.get(ref) : undefined;
      if (typeof ref !== 'string' || !doc) return;
      const path = `translations[${index}]`;
      const otherGroup = groupOf.get(ref);
      if (otherGroup !== undefined) {
        if (otherGroup !== group._id) {
          problems.push({
            id: ref,
            type: doc.type,
            path: 'translation',
            reason: `is in two translation groups: translation.metadata ${otherGroup} and ${group._id}`,
          });
        }
        return;
      }
      groupType ??= doc.type;
      if (doc.type !== groupType) {
        problems.push({
          id: group._id,
          type: 'translation.metadata',
          path,
          reason: `${doc.type} ${ref} is not a ${groupType} like the group's other documents`,
        });
        return;
      }
      const same = members.get(doc.language);
      if (same !== undefined) {
        problems.push({
          id: group._id,
          type: 'translation.metadata',
          path,
          reason: `two ${doc.language} documents in one translation group: ${doc.type} ${same} and ${doc.type} ${ref}`,
        });
        return;
      }
      groupOf.set(ref, group._id);
      members.set(doc.language, ref);
    });
    if (members.size > 1) for (const id of members.values()) translationsOf.set(id, members);
  }
  return { translationsOf, problems };
}

/** The id of `id`'s published translation in `language`, if it has one. */
export function translationIn(translationsOf: ReadonlyMap<string, Translations>, id: string, language: Language): string | undefined {
  return translationsOf.get(id)?.get(language);
}
