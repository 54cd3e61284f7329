/**
 * How the search page reads a query: the words in it, the editors' synonyms it contains, the common
 * words it can do without, and whether it asks for crisis help. Pure functions, shared by the page
 * script and the build (which renders the settings into the page) and tested in Node.
 */

/** What the build renders into the search page for its script. */
export interface SearchConfig {
  /** Synonym groups, each term normalised (`normalizeTerm`). */
  synonyms: string[][];
  /** Crisis terms: the built-in ones and the editors', normalised. */
  crisisTerms: string[];
}

/**
 * Words and phrases that show the crisis callout, whatever the editors set. Matched as whole words,
 * ignoring case, with hyphens read as spaces ("self-harm" also matches "self harm").
 */
export const builtInCrisisTerms = [
  'overdose',
  'overdosed',
  'overdosing',
  'suicide',
  'suicidal',
  'kill myself',
  'killing myself',
  'self-harm',
  'hurt myself',
  'harm myself',
  'emergency',
  'crisis',
  '911',
  '988',
] as const;

/**
 * Words that carry little meaning on their own. They are dropped only after a search for every word
 * finds nothing; Pagefind matches all words, so one of these missing from a page hides it.
 */
const stopwords = new Set(
  `a about after all also am an and any are as at be been before being but by can could did do does doing
  for from get gets getting go going got had has have having he her here him his how i if in into is it its
  just me more most much my no not of off on or our out over own really same she should so some still such
  than that the their them then there these they this those to too under up very want was we were what when
  where which while who whom why will with would you your`.split(/\s+/),
);

/** Lower case, hyphens and punctuation as spaces, single spaces: the form terms are compared in. */
function words(text: string): string[] {
  return text
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

/** Whether `query` contains `term` as whole words. */
function containsPhrase(queryWords: readonly string[], term: string): boolean {
  const termWords = words(term);
  if (termWords.length === 0) return false;
  return ` ${queryWords.join(' ')} `.includes(` ${termWords.join(' ')} `);
}

/** The crisis terms `query` contains (built-in and the editors'), in the order of `terms`. */
export function crisisTermsIn(query: string, terms: readonly string[]): string[] {
  const queryWords = words(query);
  return terms.filter((term) => containsPhrase(queryWords, term));
}

/** One piece of a query: a word, or a phrase from a synonym group with its equivalents. */
export interface QueryUnit {
  text: string;
  /** The terms of the unit's synonym group, the unit's own among them; absent for a plain word. */
  synonyms?: readonly string[];
  /** A common word, dropped when the whole query finds nothing. */
  stopword: boolean;
}

/**
 * Splits `query` into units, longest synonym term first: "alcoholics anonymous meeting" is the
 * phrase "alcoholics anonymous" (with "aa", "12-step" …) and the word "meeting".
 */
export function queryUnits(query: string, synonyms: readonly (readonly string[])[]): QueryUnit[] {
  const queryWords = words(query);
  const terms = synonyms
    .flatMap((group) => group.map((term) => ({ term, termWords: words(term), group })))
    .filter(({ termWords }) => termWords.length > 0)
    .sort((a, b) => b.termWords.length - a.termWords.length);
  const units: QueryUnit[] = [];
  for (let at = 0; at < queryWords.length; ) {
    const match = terms.find(({ termWords }) => termWords.every((word, offset) => queryWords[at + offset] === word));
    if (match) {
      units.push({ text: match.termWords.join(' '), synonyms: match.group, stopword: false });
      at += match.termWords.length;
    } else {
      const word = queryWords[at] as string;
      units.push({ text: word, stopword: stopwords.has(word) });
      at += 1;
    }
  }
  return units;
}

/** The units worth searching for on their own: the query without its common words. */
export function contentUnits(units: readonly QueryUnit[]): QueryUnit[] {
  return units.filter((unit) => !unit.stopword);
}

/**
 * Shorter stems to try, longest first, for a word that matches nothing: Pagefind matches the start
 * of stemmed words, so "cravigns" finds "craving" through "crav". None for short words or phrases.
 */
export function typoPrefixes(word: string): string[] {
  if (word.length < 6 || /\s/.test(word)) return [];
  const prefixes: string[] = [];
  for (let length = word.length - 2; length >= 4; length--) prefixes.push(word.slice(0, length));
  return prefixes;
}
