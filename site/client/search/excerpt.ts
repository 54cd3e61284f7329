/**
 * A search result's excerpt, cut at whole words with an ellipsis wherever the page's text goes on, and
 * never repeating the page's title (shown above it). Pagefind's excerpt is a run of the page's words
 * around the best match (`content` split on white space, matched words in `<mark>`), so it is found
 * again in the page's words and its ends are judged there. Pure: tested in Node.
 */

/** A run of excerpt text, highlighted or not. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => entities[entity] ?? entity);

const splitWords = (text: string) => text.split(/\s+/).filter((word) => word !== '');
/** Whether a sentence ends with this word. */
const endsSentence = (word: string | undefined) => word === undefined || /[.!?]["'”’)]*$/.test(word);
/** How far into the page's words its title may start (after a topic label or a breadcrumb). */
const titleSearchWords = 40;

/** Where `run` starts in `words` (at most at `limit`), comparing words by `key`. */
function indexOfRun(words: readonly string[], run: readonly string[], limit = words.length, key = (word: string) => word): number {
  if (run.length === 0) return -1;
  const wanted = run.map(key);
  for (let at = 0; at <= Math.min(limit, words.length - run.length); at++) {
    if (wanted.every((word, offset) => key(words[at + offset] ?? '') === word)) return at;
  }
  return -1;
}

/** A word without its punctuation and letter case: Pagefind ends a heading with a full stop. */
const bare = (word: string) => word.toLocaleLowerCase('en-US').replace(/[^\p{L}\p{N}]/gu, '');

/**
 * `excerpt` (Pagefind's: escaped text with `<mark>`s) as parts to render. Where it cannot be found in
 * `content` (the page's text as Pagefind holds it), it is given as it is.
 */
export function excerptParts(excerpt: string, content: string, title: string | undefined): ExcerptPart[] {
  const tokens = splitWords(excerpt).map((token) => {
    const marked = /^<mark>.*<\/mark>$/.test(token);
    return { word: decode(marked ? token.slice(6, -7) : token.replace(/<\/?mark>/g, '')), marked };
  });
  const words = splitWords(decode(content));
  let start = indexOfRun(
    words,
    tokens.map((token) => token.word),
  );
  if (start < 0) return join(tokens, false, false);
  const length = tokens.length;
  const marks = new Set(tokens.flatMap((token, offset) => (token.marked ? [start + offset] : [])));

  // The title is above the excerpt already: start after it, keeping the excerpt's length.
  const titleWords = splitWords(title ?? '');
  const titleAt = indexOfRun(words, titleWords, titleSearchWords, bare);
  const afterTitle = titleAt < 0 ? -1 : titleAt + titleWords.length;
  if (afterTitle > 0 && start < afterTitle && afterTitle < words.length) start = afterTitle;
  const end = Math.min(words.length, start + length);

  const shown = words.slice(start, end).map((word, offset) => ({ word, marked: marks.has(start + offset) }));
  const cutBefore = start > 0 && start !== afterTitle && !endsSentence(words[start - 1]);
  const cutAfter = end < words.length && !endsSentence(words[end - 1]);
  return join(shown, cutBefore, cutAfter);
}

/** Words into parts, neighbours of a kind in one part, with the ellipses where the text was cut. */
function join(words: readonly { word: string; marked: boolean }[], cutBefore: boolean, cutAfter: boolean): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  const add = (text: string, marked: boolean) => {
    const last = parts.at(-1);
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
  };
  if (cutBefore) add('… ', false);
  words.forEach(({ word, marked }, index) => {
    if (index > 0) add(' ', false);
    add(word, marked);
  });
  if (cutAfter) add('…', false);
  return parts;
}
