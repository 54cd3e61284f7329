import { defineField, getPublishedId, type SlugIsUniqueValidator } from 'sanity';
import { defaultLanguage } from '../../languages.ts';
import { rules } from '../../rules.ts';
import { defaultApiVersion } from '../../settings.ts';

/**
 * Whether no other document of the same type and language uses the slug: an English and a Spanish page
 * may share one (`docs/content-model.md`, "Languages"). The document's own draft and versions do not count,
 * as in Sanity's default check; a document without `language` is in the default language.
 */
export const uniqueSlugQuery =
  '!defined(*[_type == $type && !sanity::versionOf($published) && slug.current == $slug && coalesce(language, $defaultLanguage) == $language][0]._id)';

export const isUniqueInLanguage: SlugIsUniqueValidator = (slug, context) => {
  const { document } = context;
  if (!document) throw new Error('The slug check needs the document');
  const language = typeof document['language'] === 'string' ? document['language'] : defaultLanguage;
  return context
    .getClient({ apiVersion: defaultApiVersion })
    .withConfig({ perspective: 'raw' })
    .fetch<boolean>(uniqueSlugQuery, { type: document._type, published: getPublishedId(document._id), slug, language, defaultLanguage });
};

/**
 * A required URL slug generated from `source`, unique among documents of the same type and language;
 * the pattern keeps it URL-safe.
 */
export function slugField(source: string) {
  return defineField({
    name: 'slug',
    title: 'URL slug',
    type: 'slug',
    description: `The last part of the page address. Press "Generate" to make it from the ${source}. It must differ from the other pages of this type in the same language; a translation may keep the original's slug.`,
    options: { source, maxLength: rules.slugMax, isUnique: isUniqueInLanguage },
    validation: (rule) =>
      rule.required().custom((slug: { current?: string } | undefined) => {
        if (!slug?.current) return true;
        if (!rules.slugPattern.test(slug.current)) return 'Use only lower-case letters, digits and hyphens';
        return slug.current.length <= rules.slugMax ? true : `At most ${rules.slugMax} characters: shorten the slug`;
      }),
  });
}
