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
    options: { source, maxLength: rules.slugMax },
    validation: (rule) =>
      rule.required().custom((slug: { current?: string } | undefined) => {
        if (!slug?.current) return true;
        if (!rules.slugPattern.test(slug.current)) return 'Use only lower-case letters, digits and hyphens';
        return slug.current.length <= rules.slugMax ? true : `At most ${rules.slugMax} characters: shorten the slug`;
      }),
  });
}
