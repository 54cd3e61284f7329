import { getCollection } from 'astro:content';
import { type DocumentType, documentTypes } from '../../schemas/rules.ts';
import type { Dataset } from '../../schemas/validate-dataset.ts';
import type { Article, ContactDetails, StaffMember, Topic } from '../../schemas/zod/index.ts';
import { renderPortableText } from './portable-text.ts';
import { urls } from './urls.ts';

/** The published content, sorted and cross-linked the way pages use it. */
export interface SiteContent {
  /** Newest first. */
  articles: Article[];
  /** In directory order: `order`, then name. */
  staff: StaffMember[];
  /** Alphabetical. */
  topics: Topic[];
  contact: ContactDetails;
  staffById: Map<string, StaffMember>;
  topicsById: Map<string, Topic>;
  /** The site URL of an article or staff member by `_id`. */
  urlOf(id: string): string | undefined;
}

/**
 * The collection's documents by type. The loader validated them as one dataset before storing them,
 * so they are read back as the types `validateDataset` returned.
 */
async function readDataset(): Promise<Dataset> {
  const dataset = Object.fromEntries(documentTypes.map((type) => [type, []])) as unknown as Dataset;
  for (const { data } of await getCollection('sanity')) {
    (dataset[data['_type'] as DocumentType] as unknown[]).push(data);
  }
  return dataset;
}

let pending: Promise<SiteContent> | undefined;

/** Reads the collection once per build. */
export function getSiteContent(): Promise<SiteContent> {
  pending ??= (async () => {
    const dataset = await readDataset();
    const articles = dataset.article.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    const staff = dataset.staffMember.sort(
      (a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name),
    );
    const topics = dataset.topic.sort((a, b) => a.title.localeCompare(b.title));
    const contact = dataset.contactDetails[0];
    if (!contact) throw new Error('The contact details document is missing: publish "Contact details" in the Studio.');
    const staffById = new Map(staff.map((member) => [member._id, member]));
    const topicsById = new Map(topics.map((topic) => [topic._id, topic]));
    const urlsById = new Map<string, string>([
      ...articles.map((article) => [article._id, urls.article(article.slug.current)] as const),
      ...staff.map((member) => [member._id, urls.staff(member.slug.current)] as const),
    ]);
    return { articles, staff, topics, contact, staffById, topicsById, urlOf: (id) => urlsById.get(id) };
  })();
  return pending;
}

/** The topics of an article, in its own order. */
export function topicsOf(article: Article, content: SiteContent): Topic[] {
  return (article.topics ?? []).flatMap((ref) => content.topicsById.get(ref._ref) ?? []);
}

/** Renders a document's rich text with links resolved and problems reported under its id. */
export function renderBody(blocks: readonly unknown[], where: string, content: SiteContent): string {
  return renderPortableText(blocks, { where, resolveReference: content.urlOf });
}

/** "May 3, 2023" style dates, in the centre's time zone. */
export function formatDate(iso: string): string {
  const date = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'America/New_York' }).format(date);
}

/** The date part (YYYY-MM-DD) of an ISO date-time, for `<time datetime>`. */
export function isoDate(iso: string): string {
  return iso.slice(0, 10);
}

/** "Dana Whitfield, LADC II" */
export function nameWithCredentials(member: StaffMember): string {
  return member.credentials ? `${member.name}, ${member.credentials}` : member.name;
}

/** Articles sharing a topic with `article`, most shared topics first, then newest. */
export function relatedArticles(article: Article, content: SiteContent, count = 3): Article[] {
  const own = new Set((article.topics ?? []).map((ref) => ref._ref));
  return content.articles
    .filter((other) => other._id !== article._id)
    .map((other) => ({ other, shared: (other.topics ?? []).filter((ref) => own.has(ref._ref)).length }))
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || b.other.publishedAt.localeCompare(a.other.publishedAt))
    .slice(0, count)
    .map(({ other }) => other);
}
