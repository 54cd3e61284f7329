import { SearchIcon } from '@sanity/icons/Search';
import { defineArrayMember, defineField, defineType, type ObjectItemProps, type Path, type PreviewConfig } from 'sanity';
import { defaultLanguage } from '../../languages.ts';
import { crisisTermProblems, groupLabel, groupTitle, synonymProblems } from '../../synonym-rules.ts';
import { knownLanguage, languageOptions, languageTitle } from '../objects/language-field.ts';

interface GroupValue {
  _key?: string;
  terms?: unknown[];
}

/** The index of the synonym group a `terms` field belongs to, from its path `synonyms[_key=…].terms`. */
function groupIndex(groups: readonly GroupValue[], path: Path | undefined): number {
  const segment = path?.[1];
  if (typeof segment === 'number') return segment;
  if (segment && typeof segment === 'object' && '_key' in segment) return groups.findIndex((group) => group?._key === segment._key);
  return -1;
}

/**
 * How a synonym group shows in the Studio's list: "Group 2: rehab, treatment", numbered as the
 * validation messages name groups ("already in synonym group 1"). `index` is unknown outside the list.
 */
export function synonymGroupPreview(index: number | undefined): PreviewConfig {
  return {
    select: { terms: 'terms', language: 'language' },
    prepare: ({ terms, language }: { terms?: string[]; language?: string }) => ({
      title: index === undefined ? groupLabel({ terms }) : groupTitle({ terms }, index),
      subtitle: [languageTitle(language), `${terms?.length ?? 0} ${terms?.length === 1 ? 'term' : 'terms'}`].join(' · '),
    }),
  };
}

/** A synonym group in the list: the default item, with its number in the preview (only the list knows it). */
export function SynonymGroupItem(props: ObjectItemProps) {
  return props.renderDefault({ ...props, schemaType: { ...props.schemaType, preview: synonymGroupPreview(props.index) } });
}

/**
 * The search page's settings; one optional document with `_id` `searchSettings`. Without it the
 * built-in crisis terms still apply and no synonyms are used.
 */
export const searchSettings = defineType({
  name: 'searchSettings',
  title: 'Search settings',
  type: 'document',
  icon: SearchIcon,
  fields: [
    defineField({
      name: 'synonyms',
      title: 'Synonyms',
      type: 'array',
      description:
        'Groups of words visitors use for the same thing, e.g. "rehab, treatment, residential program". ' +
        'A search for any word of a group also finds pages that use the others. A word may be in one group of each language only.',
      of: [
        defineArrayMember({
          name: 'synonymGroup',
          title: 'Synonym group',
          type: 'object',
          icon: SearchIcon,
          fields: [
            defineField({
              name: 'terms',
              title: 'Terms',
              type: 'array',
              description: 'At least 2 words or phrases that mean the same. Letter case does not matter.',
              of: [defineArrayMember({ type: 'string' })],
              options: { layout: 'tags' },
              // The rules span groups (a term in one group only), so each group reads the whole list.
              validation: (rule) =>
                rule.custom((_terms, context) => {
                  const groups = ((context.document?.['synonyms'] as GroupValue[] | undefined) ?? []).filter(Boolean);
                  const index = groupIndex(groups, context.path);
                  const reasons = synonymProblems(groups)
                    .filter((problem) => problem.group === index)
                    .map((problem) => problem.reason);
                  const message = reasons.join('; ');
                  return reasons.length === 0 ? true : message.charAt(0).toUpperCase() + message.slice(1);
                }),
            }),
            defineField({
              name: 'language',
              title: 'Language',
              type: 'string',
              description: "The language of the terms: the group widens searches on that language's search page only.",
              options: { list: languageOptions, layout: 'radio', direction: 'horizontal' },
              initialValue: defaultLanguage,
              validation: knownLanguage,
            }),
          ],
          preview: synonymGroupPreview(undefined),
          components: { item: SynonymGroupItem },
        }),
      ],
    }),
    defineField({
      name: 'crisisTerms',
      title: 'Extra crisis terms',
      type: 'array',
      description:
        'Words or phrases that show the crisis help (911, 988 and our support line) above the results. ' +
        'Built in already: overdose, suicide, suicidal, kill myself, self-harm, emergency, 988 and similar.',
      of: [defineArrayMember({ type: 'string' })],
      options: { layout: 'tags' },
      validation: (rule) =>
        rule.custom((terms: string[] | undefined) => {
          if ((terms ?? []).some((term) => typeof term !== 'string' || term.trim() === '')) return 'Remove the blank term';
          const repeats = crisisTermProblems(terms ?? []).map((problem) => problem.reason);
          return repeats.length === 0 ? true : repeats.join('; ');
        }),
    }),
  ],
  preview: {
    select: { synonyms: 'synonyms', crisisTerms: 'crisisTerms' },
    prepare: ({ synonyms, crisisTerms }: { synonyms?: unknown[]; crisisTerms?: unknown[] }) => ({
      title: 'Search settings',
      subtitle: `${synonyms?.length ?? 0} synonym groups, ${crisisTerms?.length ?? 0} extra crisis terms`,
    }),
  },
});
