import { defaultLanguage } from './languages.ts';

/**
 * The rules of the synonym groups in `searchSettings` (`docs/content-model.md`), in one place for the
 * Studio's validation, the build's zod schema and the search page, so that all three compare terms
 * the same way.
 */

/** How terms are compared: trimmed, inner white space collapsed, case-insensitive. */
export function normalizeTerm(term: string): string {
  return term.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
}

/** A group's terms as the Studio's list shows them, e.g. `rehab, treatment`. */
export function groupLabel(group: GroupLike | null | undefined): string {
  const terms = (group?.terms ?? []).filter((term): term is string => typeof term === 'string' && term.trim() !== '');
  return terms.length > 0 ? terms.join(', ') : 'empty';
}

/** The title of a synonym group in the Studio's list: `Group 1: rehab, treatment` (`index` counts from 0). */
export function groupTitle(group: GroupLike | null | undefined, index: number): string {
  return `Group ${index + 1}: ${groupLabel(group)}`;
}

/**
 * Every repeated extra crisis term (`searchSettings.crisisTerms`), compared as synonyms are (letter case and
 * spacing aside): one reason per repeat, with its index in the list.
 */
export function crisisTermProblems(terms: readonly unknown[]): Array<{ index: number; reason: string }> {
  const seen = new Map<string, number>();
  const problems: Array<{ index: number; reason: string }> = [];
  terms.forEach((term, index) => {
    if (typeof term !== 'string' || term.trim() === '') return;
    const first = seen.get(normalizeTerm(term));
    if (first === undefined) seen.set(normalizeTerm(term), index);
    else problems.push({ index, reason: `"${term.trim()}" is listed twice (letter case does not count): remove one` });
  });
  return problems;
}

/** One broken rule in one synonym group (`group` counts from 0). */
export interface SynonymProblem {
  group: number;
  reason: string;
}

interface GroupLike {
  terms?: readonly unknown[] | null | undefined;
  /** The group's language; groups without one are English (`schemas/languages.ts`). */
  language?: unknown;
}

/**
 * Every broken rule in `groups`: a group needs at least 2 different terms, no blank term, and each
 * term may belong to one group of a language only (the later group is the one reported): "crisis" may be
 * in an English group and in a Spanish one.
 */
export function synonymProblems(groups: readonly (GroupLike | null | undefined)[]): SynonymProblem[] {
  const problems: SynonymProblem[] = [];
  const owner = new Map<string, number>();
  groups.forEach((group, index) => {
    const terms = (group?.terms ?? []).filter((term): term is string => typeof term === 'string');
    if (terms.length === 0) {
      problems.push({ group: index, reason: 'add at least 2 terms that mean the same, or remove the empty group' });
      return;
    }
    if (terms.some((term) => term.trim() === '')) problems.push({ group: index, reason: 'a term is blank: fill it in or remove it' });
    const distinct = [...new Set(terms.map(normalizeTerm).filter((term) => term !== ''))];
    if (distinct.length < 2) problems.push({ group: index, reason: 'this group needs at least 2 different terms' });
    if (distinct.length < terms.filter((term) => term.trim() !== '').length) {
      problems.push({ group: index, reason: 'this group lists the same term twice (letter case does not count)' });
    }
    const language = typeof group?.language === 'string' && group.language !== '' ? group.language : defaultLanguage;
    for (const term of distinct) {
      const first = owner.get(`${language}:${term}`);
      if (first === undefined) owner.set(`${language}:${term}`, index);
      else if (first !== index) {
        problems.push({
          group: index,
          reason: `"${term}" is already in synonym group ${first + 1} (${groupLabel(groups[first])}): a term may be in one group only`,
        });
      }
    }
  });
  return problems;
}
