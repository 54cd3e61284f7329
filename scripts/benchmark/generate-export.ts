/**
 * A synthetic `sanity dataset export` for benchmarks: `n` articles of about 800 words (paragraphs, h2 and
 * h3 headings, lists, internal links to other articles, a few photos), two topics each, 40 staff members,
 * 24 topics and the contact details, valid under the content model. The same seed gives the same export.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const staffCount = 40;
export const topicCount = 24;

/** A word every generated article uses many times: the benchmark's one-word search. */
export const commonWord = 'recovery';

/** The text of one article as the bare baseline renders it. */
export interface PlainArticle {
  slug: string;
  title: string;
  /** ISO date-time. */
  publishedAt: string;
  /** Every text block (paragraphs, headings, list items) as plain text. */
  paragraphs: string[];
}

export interface GeneratedExport {
  /** The export folder: `data.ndjson`, `assets.json`, `images/`. */
  folder: string;
  articles: PlainArticle[];
}

type Doc = Record<string, unknown> & { _id: string; _type: string };
type Block = Record<string, unknown>;

/** mulberry32: small, fast and deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Ordered roughly by how often such a text uses them; sampled with Zipf-like weights below.
const vocabulary = (
  'the and of to a in for is that with you can as are on it be or your recovery treatment people this have more ' +
  'when they help from support not their at by about who use may one many family care also what some time often ' +
  'addiction alcohol health how these other like first group change feel before after most through way each work ' +
  'plan life person need during sleep stress craving cravings program therapy counselling counselor clinician ' +
  'medication withdrawal relapse prevention skills routine home friends partner children parents week weeks ' +
  'month months year years day days evening morning meeting meetings peer peers sponsor step steps goal goals ' +
  'honest safe calm body mind mood anxiety depression trauma shame guilt hope trust patience progress setback ' +
  'setbacks trigger triggers coping strategy strategies habit habits practice practical simple small steady ' +
  'questions answers options choice choices levels outpatient inpatient residential detox assessment insurance ' +
  'appointment intake team nurse doctor prescriber dose doses buprenorphine naltrexone methadone opioid opioids ' +
  'stimulant cannabis nicotine gambling drinking using sober sobriety abstinence harm reduction naloxone overdose ' +
  'risk risks signs symptoms early late long short term lasting gradual honestly quietly carefully together alone ' +
  'talk listen notice name write journal breathe walk rest eat drink call text ask plan return begin continue ' +
  'stay keep try learn understand explain share offer find choose decide agree expect prepare remember ' +
  'community centre clinic service services resource resources guide list questions session sessions boundary ' +
  'boundaries conversation conversations feeling feelings thought thoughts belief beliefs value values reason reasons ' +
  'relationship relationships employer work school money housing transport legal court letter paperwork ' +
  'massachusetts quincy boston local state national weekend holiday birthday anniversary celebration milestone ' +
  'mindfulness exercise nutrition hydration medicine education evidence research study studies outcome outcomes'
).split(' ');

const weights = vocabulary.map((_, rank) => 1 / (rank + 8));
const cumulative: number[] = [];
weights.reduce((sum, weight) => {
  cumulative.push(sum + weight);
  return sum + weight;
}, 0);

const firstNames = ['Dana', 'Miriam', 'Luis', 'Priya', 'Tomas', 'Grace', 'Owen', 'Nadia', 'Samuel', 'Hana'];
const lastNames = ['Whitfield', 'Okafor', 'Reyes', 'Raman', 'Novak', 'Chen', 'Brennan', 'Haddad'];
const roles = ['Clinical Director', 'Addiction Counselor', 'Peer Recovery Coach', 'Nurse Practitioner', 'Family Therapist'];
const credentials = ['LADC I', 'LADC II', 'LICSW', 'CARC', 'PMHNP-BC', 'LMHC'];
const topicWords = [
  'Peer support',
  'Therapy approaches',
  'Relapse prevention',
  'Choosing treatment',
  'Family and friends',
  'Medication',
  'Alcohol',
  'Opioids',
  'Stimulants',
  'Cannabis',
  'Gambling',
  'Sleep',
  'Stress',
  'Mental health',
  'Trauma',
  'Harm reduction',
  'Work and money',
  'Housing',
  'Young adults',
  'Older adults',
  'Parenting',
  'Detox',
  'Aftercare',
  'Insurance and costs',
];
const titleOpeners = ['How to', 'Why', 'What to know about', 'A guide to', 'Questions about', 'Understanding', 'Five ways to handle'];

/** A generator of deterministic text and ids. */
class Writer {
  readonly #next: () => number;
  #key = 0;
  constructor(seed: number) {
    this.#next = random(seed);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)] as T;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.#next() < probability;
  }
  key(): string {
    return `k${(this.#key++).toString(36)}`;
  }
  word(): string {
    const target = this.#next() * (cumulative.at(-1) as number);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low] as string;
  }
  words(count: number): string {
    return Array.from({ length: count }, () => this.word()).join(' ');
  }
  sentence(): string {
    const text = this.words(this.int(8, 18));
    return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
  }
  sentences(count: number): string {
    return Array.from({ length: count }, () => this.sentence()).join(' ');
  }
  revision(): string {
    return Array.from({ length: 22 }, () => this.pick([...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'])).join('');
  }
}

const span = (writer: Writer, text: string, marks: string[] = []) => ({ _type: 'span', _key: writer.key(), text, marks });

function textBlock(writer: Writer, text: string, extra: Block = {}): Block {
  return { _type: 'block', _key: writer.key(), style: 'normal', markDefs: [], children: [span(writer, text)], ...extra };
}

/** A paragraph whose middle words link to another article. */
function linkedParagraph(writer: Writer, targetId: string): Block {
  const linkKey = writer.key();
  return {
    _type: 'block',
    _key: writer.key(),
    style: 'normal',
    markDefs: [{ _type: 'internalLink', _key: linkKey, reference: { _type: 'reference', _ref: targetId } }],
    children: [
      span(writer, `${writer.sentence()} See `),
      span(writer, writer.words(4), [linkKey]),
      span(writer, ` for more. ${writer.sentences(3)}`),
    ],
  };
}

interface Photo {
  sanityAsset: string;
  metaKey: string;
  sha1: string;
  size: number;
}

/** A few JPEG photos, named the way an export names image files. */
async function writePhotos(folder: string, count: number): Promise<Photo[]> {
  mkdirSync(join(folder, 'images'), { recursive: true });
  const photos: Photo[] = [];
  for (let index = 0; index < count; index++) {
    const bytes = await sharp({
      create: { width: 1600, height: 900, channels: 3, background: { r: 60 + index * 30, g: 120, b: 160 - index * 15 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const name = `${sha1}-1600x900.jpg`;
    writeFileSync(join(folder, 'images', name), bytes);
    photos.push({ sanityAsset: `image@file://./images/${name}`, metaKey: `image-${sha1}`, sha1, size: bytes.length });
  }
  return photos;
}

const meta = (writer: Writer, id: string, updatedAt: string) => ({
  _id: id,
  _createdAt: updatedAt,
  _updatedAt: updatedAt,
  _rev: writer.revision(),
});

/** About 800 words: an intro, four sections (h2, some h3), a list, two internal links, maybe a photo. */
function articleBody(writer: Writer, otherArticleIds: () => string, photos: readonly Photo[]): Block[] {
  const body: Block[] = [textBlock(writer, writer.sentences(5))];
  for (let section = 0; section < 4; section++) {
    body.push(textBlock(writer, `${writer.sentence().slice(0, -1)}`, { style: 'h2' }));
    body.push(section === 1 || section === 3 ? linkedParagraph(writer, otherArticleIds()) : textBlock(writer, writer.sentences(5)));
    body.push(textBlock(writer, writer.sentences(4)));
    if (section === 2) {
      const listItem = writer.chance(0.5) ? 'bullet' : 'number';
      for (let item = 0; item < 4; item++) body.push(textBlock(writer, writer.sentence(), { listItem, level: 1 }));
    }
    if (section === 1 && writer.chance(0.25)) {
      const photo = writer.pick(photos);
      body.push({ _type: 'image', _key: writer.key(), _sanityAsset: photo.sanityAsset, alt: writer.sentence() });
    }
    if (writer.chance(0.5)) {
      body.push(textBlock(writer, writer.sentence().slice(0, -1), { style: 'h3' }));
      body.push(textBlock(writer, writer.sentences(4)));
    }
  }
  return body;
}

function plainText(body: readonly Block[]): string[] {
  return body.flatMap((block) =>
    block['_type'] === 'block' ? [(block['children'] as Array<{ text: string }>).map((child) => child.text).join('')] : [],
  );
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Publication dates spread over ten years before `end`, newest for the highest index. */
function publishedAt(index: number, total: number): string {
  const end = Date.parse('2026-01-01T09:00:00Z');
  const span = 10 * 365 * 24 * 3600 * 1000;
  return new Date(end - span + Math.floor((span * (index + 1)) / (total + 1))).toISOString().replace('.000Z', 'Z');
}

/** Writes an export of `articles` articles into `folder` and returns the text the baseline renders. */
export async function generateExport(options: { folder: string; articles: number; seed?: number }): Promise<GeneratedExport> {
  const writer = new Writer(options.seed ?? 1);
  const photos = await writePhotos(options.folder, 4);
  const documents: Doc[] = [
    {
      ...meta(writer, 'contactDetails', '2025-01-01T00:00:00Z'),
      _type: 'contactDetails',
      organizationName: 'Massachusetts Center for Addiction',
      address: { _type: 'address', street: '1515 Hancock Street', city: 'Quincy', state: 'MA', postalCode: '02169' },
      phone: '(617) 555-0142',
      supportHours: '24 hours a day, 7 days a week',
      email: 'help@mca.example',
    },
  ];
  const topicIds = topicWords.slice(0, topicCount).map((title) => {
    const slug = slugify(title);
    documents.push({
      ...meta(writer, `topic-${slug}`, '2025-01-01T00:00:00Z'),
      _type: 'topic',
      title,
      slug: { _type: 'slug', current: slug },
      description: writer.sentences(2),
    });
    return `topic-${slug}`;
  });
  const staffIds = Array.from({ length: staffCount }, (_, index) => {
    const name = `${firstNames[index % firstNames.length]} ${lastNames[Math.floor(index / firstNames.length) % lastNames.length]}`;
    const slug = `${slugify(name)}-${index + 1}`;
    documents.push({
      ...meta(writer, `staff-${slug}`, '2025-01-01T00:00:00Z'),
      _type: 'staffMember',
      name,
      slug: { _type: 'slug', current: slug },
      role: writer.pick(roles),
      credentials: writer.pick(credentials),
      shortBio: writer.sentences(2).slice(0, 300),
      bio: [textBlock(writer, writer.sentences(4)), textBlock(writer, writer.sentences(3))],
      order: index,
    });
    return `staff-${slug}`;
  });

  const articleIds = Array.from({ length: options.articles }, (_, index) => `article-${index + 1}`);
  const otherArticle = () => writer.pick(articleIds);
  const articles: PlainArticle[] = [];
  for (const [index, id] of articleIds.entries()) {
    const title = `${writer.pick(titleOpeners)} ${writer.words(writer.int(3, 6))} (${index + 1})`;
    const slug = slugify(title);
    const body = articleBody(writer, otherArticle, photos);
    const date = publishedAt(index, options.articles);
    const firstTopic = writer.int(0, topicCount - 1);
    const secondTopic = (firstTopic + writer.int(1, topicCount - 1)) % topicCount;
    const reviewed = writer.chance(0.5);
    const photo = writer.chance(0.3) ? writer.pick(photos) : undefined;
    documents.push({
      ...meta(writer, id, date),
      _type: 'article',
      title,
      slug: { _type: 'slug', current: slug },
      excerpt: writer.sentences(2).slice(0, 300),
      publishedAt: date,
      author: { _type: 'reference', _ref: writer.pick(staffIds) },
      ...(reviewed ? { reviewer: { _type: 'reference', _ref: writer.pick(staffIds) }, reviewedAt: date.slice(0, 10) } : {}),
      topics: [firstTopic, secondTopic].map((topic) => ({ _type: 'reference', _key: writer.key(), _ref: topicIds[topic] })),
      ...(photo ? { mainImage: { _type: 'image', _sanityAsset: photo.sanityAsset, alt: writer.sentence() } } : {}),
      body,
    });
    articles.push({ slug, title, publishedAt: date, paragraphs: plainText(body) });
  }

  writeFileSync(join(options.folder, 'data.ndjson'), `${documents.map((doc) => JSON.stringify(doc)).join('\n')}\n`);
  const assets = Object.fromEntries(
    photos.map((photo) => [
      photo.metaKey,
      {
        _type: 'sanity.imageAsset',
        sha1hash: photo.sha1,
        size: photo.size,
        mimeType: 'image/jpeg',
        metadata: { _type: 'sanity.imageMetadata', dimensions: { width: 1600, height: 900, aspectRatio: 16 / 9 } },
      },
    ]),
  );
  writeFileSync(join(options.folder, 'assets.json'), JSON.stringify(assets));
  return { folder: options.folder, articles };
}

/**
 * Edits one article of an export in place as an editor's publish would: a new title and body, a new
 * revision and update time. Returns the id of the article changed.
 */
export function editOneArticle(folder: string, seed = 2): string {
  const file = join(folder, 'data.ndjson');
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const articleLines = lines.flatMap((line, index) => (line.includes('"_type":"article"') ? [index] : []));
  const target = articleLines[Math.floor(articleLines.length / 2)];
  if (target === undefined) throw new Error(`${file} holds no article to edit.`);
  const writer = new Writer(seed);
  const doc = JSON.parse(lines[target] as string) as Doc;
  doc['title'] = `Edited: ${writer.words(5)}`;
  doc['body'] = [textBlock(writer, writer.sentences(5)), textBlock(writer, writer.sentence().slice(0, -1), { style: 'h2' })];
  doc['_rev'] = writer.revision();
  doc['_updatedAt'] = '2026-01-02T10:00:00Z';
  lines[target] = JSON.stringify(doc);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return doc._id;
}
