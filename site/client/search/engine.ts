import type { Language } from '../../../schemas/languages.ts';
import { contentUnits, queryUnits, typoPrefixes } from './query.ts';

/** The part of a Pagefind result the engine ranks by; `data()` loads the page's excerpt and meta. */
export interface RankedResult<Data> {
  id: string;
  score: number;
  data(): Promise<Data>;
}

/** One Pagefind search (filters already applied): its results, best first. */
export type SearchFn<Data> = (term: string) => Promise<readonly RankedResult<Data>[]>;

/** How the results were found, which decides what the page says above them. */
export type MatchKind =
  /** Pages with every word of the query (or a synonym of it). */
  | 'all'
  /** No page had every word; these have some of them. */
  | 'some'
  /** The one word matched nothing; these have words that start like it (a typo, usually). */
  | 'similar'
  /** Nothing at all. */
  | 'none';

export interface EngineAnswer<Data> {
  kind: MatchKind;
  results: RankedResult<Data>[];
}

type Matches<Data> = Map<string, RankedResult<Data>>;

/** The words a result's page matched on (its excerpt's highlights), to check what a match rests on. */
export type MatchedWords<Data> = (data: Data) => string[];

/** The fewest letters a match may share with a longer query word. */
const minimumFragment = 4;
/** Endings a query word may have beyond the stem a page's word shares: "paying" finds "pay". */
const inflection = /^(?:s|es|d|ed|ing|ings|er|ers|ies|ied|ly)$/;

const letters = (text: string) => text.toLocaleLowerCase('en-US').replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Whether a page's `word` may stand for the query's `term`: they share four letters, or all of a shorter
 * term, or the term is the word's stem with an ending.
 */
function sharesStart(term: string, word: string): boolean {
  let common = 0;
  while (common < term.length && common < word.length && term[common] === word[common]) common++;
  return common >= Math.min(minimumFragment, term.length) || (common > 0 && inflection.test(term.slice(common)));
}

/**
 * Pagefind, finding no indexed word that starts with a term, matches the longest indexed word the term
 * starts with, however short: "narcan" finds "NA" and "Nar-Anon". It does so for all of a term's results
 * or none, so the best result tells: if none of its highlighted words begins like the term (four letters
 * in common, or all of a shorter term), the term found nothing.
 */
async function withoutFragmentMatches<Data>(
  results: readonly RankedResult<Data>[],
  term: string,
  matchedWords: MatchedWords<Data>,
): Promise<readonly RankedResult<Data>[]> {
  const first = results[0];
  if (!first) return results;
  const marked = matchedWords(await first.data())
    .map(letters)
    .filter((word) => word !== '');
  const termWords = term
    .split(/\s+/)
    .map(letters)
    .filter((word) => word !== '');
  if (marked.length === 0) return results;
  return marked.some((word) => termWords.some((termWord) => sharesStart(termWord, word))) ? results : [];
}

/** Each page once, with its best score, from the searches of `terms` (any of them may match). */
async function anyOf<Data>(search: SearchFn<Data>, terms: readonly string[]): Promise<Matches<Data>> {
  const answers = await Promise.all(terms.map((term) => search(term)));
  const best: Matches<Data> = new Map();
  for (const result of answers.flat()) {
    const seen = best.get(result.id);
    if (!seen || seen.score < result.score) best.set(result.id, result);
  }
  return best;
}

/** Pages found for at least `minimum` of the units, most units first, then by summed score. */
function combine<Data>(perUnit: readonly Matches<Data>[], minimum: number): RankedResult<Data>[] {
  const merged = new Map<string, { result: RankedResult<Data>; units: number; score: number }>();
  for (const matches of perUnit) {
    for (const result of matches.values()) {
      const seen = merged.get(result.id);
      if (!seen) {
        merged.set(result.id, { result, units: 1, score: result.score });
        continue;
      }
      seen.units += 1;
      seen.score += result.score;
      // The excerpt comes from the unit that matched the page best, so it shows the words that count.
      if (result.score > seen.result.score) seen.result = result;
    }
  }
  return [...merged.values()]
    .filter(({ units }) => units >= minimum)
    .sort((a, b) => b.units - a.units || b.score - a.score)
    .map(({ result, score }) => ({ id: result.id, score, data: result.data }));
}

/**
 * Searches the way a visitor means it. Pagefind matches every word of a query and has no "or", so
 * each unit of the query (a word, or a phrase with its synonyms) is searched on its own and the
 * engine combines them:
 * 1. pages that have every unit, a unit matching through any term of its synonym group; common
 *    words ("how", "my", "does" …) neither gate nor score, as in web search engines;
 * 2. if none, pages with any of the units (a unit that finds nothing, through none of its synonyms
 *    either, tries shorter stems of its own text, for typos), pages with more of them first.
 * No match rests on a fragment of a query word shorter than four letters (`withoutFragmentMatches`).
 * Scores are Pagefind's, summed over the units a page matches.
 */
export async function searchAsMeant<Data>(
  search: SearchFn<Data>,
  query: string,
  synonyms: readonly (readonly string[])[],
  matchedWords: MatchedWords<Data>,
  language: Language = 'en',
): Promise<EngineAnswer<Data>> {
  const memo = new Map<string, Promise<readonly RankedResult<Data>[]>>();
  // One check at a time: Pagefind keeps one data object per page and writes each search's highlights into
  // it, so two terms' checks of the same page at once would read each other's.
  let checks: Promise<unknown> = Promise.resolve();
  const checked = (results: readonly RankedResult<Data>[], term: string) => {
    const check = checks.then(() => withoutFragmentMatches(results, term, matchedWords));
    checks = check.catch(() => undefined);
    return check;
  };
  const cached: SearchFn<Data> = (term) => {
    const known = memo.get(term);
    if (known) return known;
    const answer = search(term).then((results) => checked(results, term));
    memo.set(term, answer);
    return answer;
  };
  const units = queryUnits(query, synonyms, language);
  const content = contentUnits(units).length > 0 ? contentUnits(units) : units;
  if (content.length === 0) return { kind: 'none', results: [] };
  const perUnit = await Promise.all(content.map((unit) => anyOf(cached, unit.synonyms ?? [unit.text])));

  const every = combine(perUnit, content.length);
  if (every.length > 0) return { kind: 'all', results: every };

  const widened = await Promise.all(
    content.map(async (unit, index) => {
      const found: Matches<Data> = perUnit[index] ?? new Map();
      if (found.size > 0) return found;
      for (const prefix of typoPrefixes(unit.text)) {
        const stem = await anyOf(cached, [prefix]);
        if (stem.size > 0) return stem;
      }
      return found;
    }),
  );
  const some = combine(widened, 1);
  if (some.length === 0) return { kind: 'none', results: [] };
  // A one-word query reaches this point only through a stem of its word.
  return { kind: content.length === 1 ? 'similar' : 'some', results: some };
}
