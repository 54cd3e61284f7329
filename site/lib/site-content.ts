import { describeScheduled, splitScheduled } from '../../schemas/scheduling.ts';
import type { Dataset } from '../../schemas/validate-dataset.ts';
import type { Article, ContactDetails, SearchSettings, StaffMember, Topic } from '../../schemas/zod/index.ts';
import { buildNow } from './build-clock.ts';
import { readDataset } from './content/read-dataset.ts';
import { renderPortableText } from './portable-text.ts';
import { urls } from './urls.ts';

/** The published content, sorted and cross-linked the way pages use it. */
export interface SiteContent {
  /** Newest first; only those whose `publishedAt` has come (scheduled ones are left out everywhere). */
  articles: Article[];
  /** In directory order: `order`, then name. */
  staff: StaffMember[];
  /** Alphabetical. */
  topics: Topic[];
  contact: ContactDetails;
  /** The editors' synonyms and crisis terms for the search page, when published. */
  searchSettings: SearchSettings | undefined;
  staffById: Map<string, StaffMember>;
  topicsById: Map<string, Topic>;
  /** The articles of each topic by topic `_id`, newest first. */
  articlesByTopic: Map<string, Article[]>;
  /** The articles each staff member wrote, by `_id`, newest first. */
  articlesByAuthor: Map<string, Article[]>;
  /** The articles each staff member reviewed but did not write, by `_id`, newest first. */
  articlesByReviewer: Map<string, Article[]>;
  /** An article's index in `articles`. */
  positionOf(article: Article): number;
  /** The site URL of an article or staff member by `_id`. */
  urlOf(id: string): string | undefined;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

let arranged: { dataset: Dataset; content: SiteContent } | undefined;

/**
 * The content of this build (or, on the draft preview server, of this request), arranged once per
 * dataset read. This is the one place scheduled articles are left out: every page, list, feed, link and
 * the search index read their articles from here.
 */
export async function getSiteContent(): Promise<SiteContent> {
  const dataset = await readDataset();
  if (arranged?.dataset !== dataset) arranged = { dataset, content: arrange(dataset) };
  return arranged.content;
}

function arrange(dataset: Dataset): SiteContent {
  const now = buildNow();
  const { live, scheduled } = splitScheduled(dataset.article, now);
  const schedule = describeScheduled(scheduled, now);
  if (schedule) console.info(`[schedule] ${schedule}`);
  const articles = live.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  const staff = [...dataset.staffMember].sort(
    (a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name),
  );
  const topics = [...dataset.topic].sort((a, b) => a.title.localeCompare(b.title));
  const contact = dataset.contactDetails[0];
  if (!contact) throw new Error('The contact details document is missing: publish "Contact details" in the Studio.');
  const staffById = new Map(staff.map((member) => [member._id, member]));
  const topicsById = new Map(topics.map((topic) => [topic._id, topic]));
  const urlsById = new Map<string, string>([
    ...articles.map((article) => [article._id, urls.article(article.slug.current)] as const),
    ...staff.map((member) => [member._id, urls.staff(member.slug.current)] as const),
  ]);
  const articlesByTopic = new Map<string, Article[]>();
  const articlesByAuthor = new Map<string, Article[]>();
  const articlesByReviewer = new Map<string, Article[]>();
  const positions = new Map(articles.map((article, index) => [article, index]));
  for (const article of articles) {
    for (const ref of new Set((article.topics ?? []).map((topic) => topic._ref))) append(articlesByTopic, ref, article);
    append(articlesByAuthor, article.author._ref, article);
    const reviewer = article.reviewer?._ref;
    if (reviewer && reviewer !== article.author._ref) append(articlesByReviewer, reviewer, article);
  }
  return {
    articles,
    staff,
    topics,
    contact,
    searchSettings: dataset.searchSettings[0],
    staffById,
    topicsById,
    articlesByTopic,
    articlesByAuthor,
    articlesByReviewer,
    positionOf: (article) => positions.get(article) ?? Infinity,
    urlOf: (id) => urlsById.get(id),
  };
}

/** The topics of an article, in its own order. */
export function topicsOf(article: Article, content: SiteContent): Topic[] {
  return (article.topics ?? []).flatMap((ref) => content.topicsById.get(ref._ref) ?? []);
}

/** Renders a document's rich text with links resolved and problems reported under its id. */
export function renderBody(blocks: readonly unknown[], where: string, content: SiteContent): string {
  return renderPortableText(blocks, { where, resolveReference: content.urlOf });
}

export { formatDate, isoDate } from './dates.ts';

/** "Dana Whitfield, LADC II" */
export function nameWithCredentials(member: StaffMember): string {
  return member.credentials ? `${member.name}, ${member.credentials}` : member.name;
}

/**
 * Articles sharing a topic with `article`, most shared topics first, then newest. Only the articles of
 * its own topics are looked at (`articlesByTopic`), never the whole list, and nothing is sorted: a page
 * costs the size of its topics, not of the site, and usually much less (see below).
 */
export function relatedArticles(article: Article, content: SiteContent, count = 3): Article[] {
  const topics = new Set((article.topics ?? []).map((topic) => topic._ref));
  const lists = [...topics].map((ref) => content.articlesByTopic.get(ref) ?? []);
  // The best `count` so far, best first; `content.articles` order (newest first) breaks ties.
  const best: Array<{ other: Article; shared: number; position: number }> = [];
  const consider = (other: Article) => {
    if (other === article) return;
    const refs = (other.topics ?? []).map((topic) => topic._ref);
    const shared = refs.filter((ref, index) => topics.has(ref) && refs.indexOf(ref) === index).length;
    // Most candidates rank below a full list: skip them before looking up their position.
    if (best.length === count && shared < (best.at(-1)?.shared ?? 0)) return;
    const candidate = { other, shared, position: content.positionOf(other) };
    const at = best.findIndex((kept) => candidate.shared > kept.shared || (candidate.shared === kept.shared && candidate.position < kept.position));
    if (at !== -1) best.splice(at, 0, candidate);
    else if (best.length < count) best.push(candidate);
    if (best.length > count) best.pop();
  };
  // An article sharing every topic is in each topic's list, so in the shortest one. That list is newest
  // first: once `count` articles in it share every topic, no other article can rank above them.
  const shortest = lists.reduce<Article[] | undefined>((found, list) => (found && found.length <= list.length ? found : list), undefined) ?? [];
  for (const other of shortest) {
    consider(other);
    if (best.length === count && best.at(-1)?.shared === topics.size) return best.map(({ other }) => other);
  }
  const seen = new Set(shortest);
  for (const list of lists) {
    for (const other of list) {
      if (!seen.has(other)) {
        seen.add(other);
        consider(other);
      }
    }
  }
  return best.map(({ other }) => other);
}
