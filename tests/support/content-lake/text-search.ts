import type { SanityDocument } from './document-store.ts';

/**
 * `text::query()`, the Content Lake's full-text search, which groq-js 2 parses but does not evaluate
 * ("not implemented"). The Studio's search (document lists, reference fields) sends it in two forms:
 * `[@, _id] match text::query($__query)` (anywhere in the document) and `<field> match text::query($__query)`
 * inside `score(boost(…))`. The stand-in rewrites each into GROQ's `match` before evaluating:
 *
 * - the search string is split as the Content Lake splits it: words, `"exact phrases"`, `-excluded` words,
 *   and a trailing `*` for a prefix; `*` alone (an empty search) matches every document;
 * - the words become a list parameter (`match` needs all of them), excluded words a `!(… match …)`;
 * - `@` ("anywhere in the document") becomes `_standInText`, every string of the document joined,
 *   which `searchableView` adds to each document for such a query.
 *
 * Ranking is groq-js's `score()`, not the Content Lake's, so only which documents match is faithful.
 */
const textQuery = /(\[@,\s*_id\]|[\w.]+(?:\[\])?(?:->[\w.]+)?)\s+match\s+text::query\(\s*(\$\w+|"(?:[^"\\]|\\.)*")\s*\)/g;

/** The field the stand-in adds for `@` in a text search. */
const allText = '_standInText';

/** Splits a `text::query` string into the words every match needs and the words none may have. */
export function searchTerms(search: string): { include: string[]; exclude: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const [token] of search.matchAll(/-?"[^"]*"|\S+/g)) {
    const negated = token.startsWith('-');
    const word = token.replace(/^-/, '').replace(/^"|"$/g, '').trim();
    if (!word || word === '*') continue;
    (negated ? exclude : include).push(word);
  }
  return { include, exclude };
}

/** True when `query` uses `text::query()`, so its documents need `searchableView`. */
export function usesTextQuery(query: string): boolean {
  return query.includes('text::query(');
}

/** The query with every `text::query()` replaced by `match` over parameters it adds. */
export function withTextQueries(query: string, params: Record<string, unknown>): { query: string; params: Record<string, unknown> } {
  const added: Record<string, unknown> = {};
  let count = 0;
  const rewritten = query.replace(textQuery, (_, target: string, argument: string) => {
    const search = argument.startsWith('$') ? params[argument.slice(1)] : JSON.parse(argument);
    const { include, exclude } = searchTerms(typeof search === 'string' ? search : '');
    const field = target.startsWith('[@') ? `[${allText}, _id]` : target;
    const clauses = ['true'];
    if (include.length > 0) {
      const name = `__standInText${count++}`;
      added[name] = include;
      clauses.push(`${field} match $${name}`);
    }
    for (const word of exclude) {
      const name = `__standInText${count++}`;
      added[name] = word;
      clauses.push(`!(${field} match $${name})`);
    }
    return `(${clauses.join(' && ')})`;
  });
  return { query: rewritten, params: { ...params, ...added } };
}

function strings(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (!key.startsWith('_')) strings(item, into);
  }
  return into;
}

/** The documents with `_standInText` added: every string value of the document, for `@` in a text search. */
export function searchableView(documents: readonly SanityDocument[]): SanityDocument[] {
  return documents.map((doc) => ({ ...doc, [allText]: strings(doc, []).join(' ') }));
}
