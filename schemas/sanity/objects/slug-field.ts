import { defineField } from 'sanity';
import { rules } from '../../rules.ts';

/**
 * A required URL slug generated from `source`. Sanity's default uniqueness check keeps it unique
 * among documents of the same type; the pattern keeps it URL-safe.
 */
export function slugField(source: string) {
  return defineField({
    name: 'slug',
    title: 'URL slug',
    type: 'slug',
    description: `The last part of the page address. Press "Generate" to make it from the ${source}.`,
    options: { source, maxLength: 96 },
    validation: (rule) =>
      rule.required().custom((slug: { current?: string } | undefined) => {
        if (!slug?.current) return true;
        return rules.slugPattern.test(slug.current) ? true : 'Use only lower-case letters, digits and hyphens';
      }),
  });
}
