/** Small builders for the corpus documents: a valid document of each type, changed by one thing per case. */

export type Doc = { _id: string; _type: string } & Record<string, unknown>;

/** An image asset that exists in the corpus dataset (its asset document is in `baseDocuments`). */
export const assetId = 'image-0c5e0ef5d1f3c4e8a6b2f9d7c1e3a5b7d9f1e3c5-600x400-png';

export const ref = (id: string, key?: string) => ({ _type: 'reference', _ref: id, ...(key ? { _key: key } : {}) });

export const image = (extra: Record<string, unknown> = {}) => ({
  _type: 'image',
  asset: { _type: 'reference', _ref: assetId },
  alt: 'A counsellor and a client talking at a table',
  ...extra,
});

let keyCount = 0;
const nextKey = () => `k${(keyCount++).toString(36).padStart(4, '0')}`;

export function span(text: string, marks: string[] = []) {
  return { _type: 'span', _key: nextKey(), text, marks };
}

export function block(text: string, extra: Record<string, unknown> = {}) {
  return { _type: 'block', _key: nextKey(), style: 'normal', markDefs: [], children: [span(text)], ...extra };
}

/** A paragraph whose one span carries the annotation `markDef`. */
export function annotated(text: string, markDef: Record<string, unknown>) {
  const key = nextKey();
  return block(text, { markDefs: [{ _key: key, ...markDef }], children: [span(text, [key])] });
}

export const imageBlock = (extra: Record<string, unknown> = {}) => ({ ...image(extra), _key: nextKey() });
export const pullQuote = (extra: Record<string, unknown> = {}) => ({
  _type: 'pullQuote',
  _key: nextKey(),
  quote: 'Recovery grows a person’s world back.',
  attribution: 'Marcus Delaney, LADC II',
  ...extra,
});
export const callout = (extra: Record<string, unknown> = {}) => ({
  _type: 'callout',
  _key: nextKey(),
  tone: 'crisis',
  text: 'In an emergency call 911, or call or text 988.',
  ...extra,
});

/** `doc` without the fields `names`. */
export function without<T extends Doc>(doc: T, ...names: string[]): Doc {
  const copy: Doc = { ...doc };
  for (const name of names) delete copy[name];
  return copy;
}

export function article(id: string, fields: Record<string, unknown> = {}): Doc {
  return {
    _id: id,
    _type: 'article',
    title: 'Finding a support group that fits',
    slug: { _type: 'slug', current: id },
    excerpt: 'What to look for in a support group, and how to try one out.',
    publishedAt: '2025-03-04T14:00:00.000Z',
    author: ref('staff-author'),
    body: [block('Support groups come in many forms.')],
    ...fields,
  };
}

export function staffMember(id: string, fields: Record<string, unknown> = {}): Doc {
  return {
    _id: id,
    _type: 'staffMember',
    name: 'Dana Whitfield',
    slug: { _type: 'slug', current: id },
    role: 'Recovery Coach',
    ...fields,
  };
}

export function topic(id: string, fields: Record<string, unknown> = {}): Doc {
  return { _id: id, _type: 'topic', title: 'Family support', slug: { _type: 'slug', current: id }, ...fields };
}

export function contactDetails(fields: Record<string, unknown> = {}): Doc {
  return {
    _id: 'contactDetails',
    _type: 'contactDetails',
    organizationName: 'Massachusetts Center for Addiction',
    address: { _type: 'address', street: '100 Main Street', city: 'Worcester', state: 'MA', postalCode: '01608' },
    phone: '(508) 555-0100',
    ...fields,
  };
}

/** A synonym group of `searchSettings`. */
export const synonymGroup = (key: string, ...terms: string[]) => ({ _type: 'synonymGroup', _key: key, terms });

export function searchSettings(fields: Record<string, unknown> = {}): Doc {
  return {
    _id: 'searchSettings',
    _type: 'searchSettings',
    synonyms: [synonymGroup('g1', 'rehab', 'treatment'), synonymGroup('g2', 'Narcan', 'naloxone')],
    crisisTerms: ['want to die'],
    ...fields,
  };
}

/** A notice of the `languageAssistance` singleton. */
export const notice = (key: string, language: string, fields: Record<string, unknown> = {}) => ({
  _type: 'languageNotice',
  _key: key,
  language,
  languageName: 'Español',
  text: 'Servicios de idiomas gratuitos: llame al (508) 555-0100 y diga "español".',
  ...fields,
});

export function languageAssistance(fields: Record<string, unknown> = {}): Doc {
  return { _id: 'languageAssistance', _type: 'languageAssistance', notices: [notice('n1', 'es')], ...fields };
}
