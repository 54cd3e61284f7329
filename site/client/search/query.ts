/**
 * How the search page reads a query: the words in it, the editors' synonyms it contains, the common
 * words it can do without, and whether it asks for crisis help. Pure functions, shared by the page
 * script and the build (which renders the settings into the page) and tested in Node.
 */

import type { Language } from '../../../schemas/languages.ts';

/** What the build renders into the search page for its script. */
export interface SearchConfig {
  language: Language;
  /** Synonym groups of the page's language, each term normalised (`normalizeTerm`). */
  synonyms: string[][];
  /** Crisis terms: the built-in ones and the editors', normalised. */
  crisisTerms: string[];
  /** The script's messages in the page's language (`site/i18n/`). */
  text: SearchText;
  /** The crisis terms that mean an overdose: the callout then says what to do for one. */
  overdoseTerms: string[];
}

/**
 * The messages of the search page's script, from the page's strings file (`search.script` in
 * `site/i18n/`): text with `{placeholders}`, plus how a result names its type and the `Intl` locale of dates.
 */
export type SearchText = Record<
  'resultOne' | 'resultMany' | 'withFilters' | 'forQuery' | 'closeMatches' | 'none' | 'noneFiltered' | 'noneNotice' | 'failed',
  string
> & { resultTypes: Record<string, string>; intl: string };

/** `template` with each `{name}` replaced by `values[name]`. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * Words and phrases that mean someone may be overdosing, in the words people type then: the crisis
 * callout shows with what to do (call 911, give naloxone, stay with the person). Matched like the
 * crisis terms below, which include them, in every language the site speaks. "overdosage" is left out:
 * it is the word of dosing guides.
 */
export const builtInOverdoseTerms = [
  'overdose',
  'overdoses',
  'overdosed',
  'overdosing',
  'od',
  'ods',
  "od'd",
  "od'ed",
  'oded',
  "od'ing",
  'oding',
  'naloxone',
  'narcan',
  'kloxxado',
  'zimhi',
  'too many pills',
  'took too many',
  'took too much',
  'taken too many',
  'taken too much',
  'not breathing',
  'isnt breathing',
  'stopped breathing',
  'cant breathe',
  'cannot breathe',
  'wont wake up',
  'will not wake up',
  'cant wake',
  'cannot wake',
  'unresponsive',
  'blue lips',
  // Spanish, with and without accents (accents are ignored when matching).
  'sobredosis',
  'naloxona',
  'tomó demasiadas pastillas',
  'demasiadas pastillas',
  'tomó demasiado',
  'no respira',
  'dejó de respirar',
  'no puede respirar',
  'no despierta',
  'no se despierta',
  'labios azules',
  'inconsciente',
] as const;

/**
 * Words and phrases that show the crisis callout, whatever the editors set, in every language the site
 * speaks (a visitor may search in either on any page). Matched as whole words, ignoring case and accents,
 * with hyphens read as spaces ("self-harm" also matches "self harm", "autolesion" matches "autolesión").
 */
export const builtInCrisisTerms = [
  ...builtInOverdoseTerms,
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
  // Spanish: what people in crisis type, with and without accents (accents are ignored when matching).
  'suicidio',
  'suicida',
  'suicidarme',
  'suicidarse',
  'matarme',
  'quitarme la vida',
  'quiero morir',
  'me quiero morir',
  'no quiero vivir',
  'hacerme daño',
  'lastimarme',
  'autolesión',
  'autolesiones',
  'emergencia',
  'urgencia',
] as const;

/**
 * Words that carry little meaning on their own. They are dropped only after a search for every word
 * finds nothing; Pagefind matches all words, so one of these missing from a page hides it.
 */
const stopwords: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    `a about after all also am an and any are as at be been before being but by can could did do does doing
  for from get gets getting go going got had has have having he her here him his how i if in into is it its
  just me more most much my no not of off on or our out over own really same she should so some still such
  than that the their them then there these they this those to too under up very want was we were what when
  where which while who whom why will with would you your`.split(/\s+/),
  ),
  es: new Set(
    `a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos
    en entre era es esa ese eso esta este esto estos estas está están fue ha han hay la las le les lo los me mi
    mis muy más nada ni no nos o os otra otro para pero poco por porque puede puedo que qué quien se sea ser si
    sin sobre solo son su sus también tan te tengo tiene todo tu tus un una uno unos y ya yo cómo cuál dónde
    qué quién`.split(/\s+/),
  ),
};

/** A word without its accents, for comparing what people type with or without them. */
function withoutAccents(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Lower case, hyphens and punctuation as spaces, single spaces: the form terms are compared in. */
function words(text: string): string[] {
  return text
    .toLocaleLowerCase('en-US')
    .replace(/[\u2018\u2019]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

const withoutApostrophes = (list: readonly string[]) => list.map((word) => word.replace(/'/g, ''));

/**
 * Whether `query` contains `term` as whole words, accents aside. A term written without apostrophes also matches them
 * typed in a hurry either way ("isnt breathing" matches "isn't" and "isn’t"); a term with one matches it
 * only with one ("od'd", not "odd").
 */
function containsPhrase(queryWords: readonly string[], term: string): boolean {
  const termWords = words(term).map(withoutAccents);
  if (termWords.length === 0) return false;
  const compared = termWords.some((word) => word.includes("'")) ? queryWords : withoutApostrophes(queryWords);
  return ` ${compared.join(' ')} `.includes(` ${termWords.join(' ')} `);
}

/** The crisis terms `query` contains (built-in and the editors'), in the order of `terms`. */
export function crisisTermsIn(query: string, terms: readonly string[]): string[] {
  const queryWords = words(query).map(withoutAccents);
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
export function queryUnits(query: string, synonyms: readonly (readonly string[])[], language: Language = 'en'): QueryUnit[] {
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
      units.push({ text: word, stopword: stopwords[language].has(word) });
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
