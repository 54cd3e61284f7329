import { describeScheduled, splitScheduled } from '../../schemas/scheduling.ts';
import type { Dataset } from '../../schemas/validate-dataset.ts';
import { defaultLanguage, type Language, languageIds, languageOf } from '../../schemas/languages.ts';
import { joinTranslations, type Translations, translationIn } from '../../schemas/translations.ts';
import type { Article, ContactDetails, LanguageAssistance, SearchSettings, StaffMember, Topic } from '../../schemas/zod/index.ts';
import { langParam } from '../i18n/index.ts';
import { buildNow } from './build-clock.ts';
import { readDataset } from './content/read-dataset.ts';
import { renderPortableText } from './portable-text.ts';
import { ownUrl } from './urls.ts';

/**
 * The published content as one language's pages use it: that language's articles, staff and topics,
 * sorted and cross-linked, with references resolved to the translation in that language where one is
 * published (`docs/content-model.md`, "Languages").
 */
export interface SiteContent {
  language: Language;
  /** Newest first; only those whose `publishedAt` has come (scheduled ones are left out everywhere). */
  articles: Article[];
  /** In directory order: `order`, then name. */
  staff: StaffMember[];
  /** Alphabetical. */
  topics: Topic[];
  contact: ContactDetails;
  /** The editors' synonyms and crisis terms for the search page, when published. */
  searchSettings: SearchSettings | undefined;
  /** The language-assistance notices, when published. */
  languageAssistance: LanguageAssistance | undefined;
  /** Staff of every language by `_id`. */
  staffById: Map<string, StaffMember>;
  /** Topics of every language by `_id`. */
  topicsById: Map<string, Topic>;
  /** This language's articles of each topic, by the topic's `_id` in this language (else its own), newest first. */
  articlesByTopic: Map<string, Article[]>;
  /** This language's articles each staff member wrote, by `_id` as {@link SiteContent.staffMember} resolves it, newest first. */
  articlesByAuthor: Map<string, Article[]>;
  /** This language's articles each staff member reviewed but did not write, by resolved `_id`, newest first. */
  articlesByReviewer: Map<string, Article[]>;
  /** An article's index in `articles`. */
  positionOf(article: Article): number;
  /** The id of a document's translation in this language, else its own id. */
  resolve(id: string): string;
  /** A staff member in this language when translated, else as published. */
  staffMember(id: string): StaffMember | undefined;
  /** The site URL of an article or staff member by `_id`, in this language when translated. */
  urlOf(id: string): string | undefined;
  /** The pages of a document in each language it is published in, itself included. */
  alternatesOf(id: string): Alternates;
}

/** A page's URL in each language it exists in. */
export type Alternates = Partial<Record<Language, string>>;

type Translatable = Article | StaffMember | Topic;

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What every language's view shares, arranged once per dataset. */
interface Shared {
  dataset: Dataset;
  live: Article[];
  staff: StaffMember[];
  topics: Topic[];
  contact: ContactDetails;
  byId: Map<string, Translatable>;
  staffById: Map<string, StaffMember>;
  topicsById: Map<string, Topic>;
  translationsOf: Map<string, Translations>;
  views: Map<Language, SiteContent>;
}

let arranged: Shared | undefined;

/**
 * The content of this build (or, on the draft preview server, of this request) as `language`'s pages use
 * it, arranged once per dataset read and language. This is the one place scheduled articles are left out:
 * every page, list, feed, link and the search index read their articles from here.
 */
export async function getSiteContent(language: Language = defaultLanguage): Promise<SiteContent> {
  const dataset = await readDataset();
  if (arranged?.dataset !== dataset) arranged = share(dataset);
  let view = arranged.views.get(language);
  if (!view) {
    view = arrange(arranged, language);
    arranged.views.set(language, view);
  }
  return view;
}

function share(dataset: Dataset): Shared {
  const now = buildNow();
  const { live, scheduled } = splitScheduled(dataset.article, now);
  const schedule = describeScheduled(scheduled, now);
  if (schedule) console.info(`[schedule] ${schedule}`);
  live.sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  const staff = [...dataset.staffMember].sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.name.localeCompare(b.name));
  const topics = [...dataset.topic].sort((a, b) => a.title.localeCompare(b.title));
  const contact = dataset.contactDetails[0];
  if (!contact) throw new Error('The contact details document is missing: publish "Contact details" in the Studio.');
  const byId = new Map<string, Translatable>([...live, ...staff, ...topics].map((doc) => [doc._id, doc]));
  // A scheduled article is not published yet: its translations do not link to it.
  const { translationsOf } = joinTranslations(byId.values(), dataset['translation.metadata']);
  return {
    dataset,
    live,
    staff,
    topics,
    contact,
    byId,
    staffById: new Map(staff.map((member) => [member._id, member])),
    topicsById: new Map(topics.map((topic) => [topic._id, topic])),
    translationsOf,
    views: new Map(),
  };
}

function arrange(shared: Shared, language: Language): SiteContent {
  const inLanguage = <T extends Translatable>(docs: T[]) => docs.filter((doc) => languageOf(doc) === language);
  const articles = inLanguage(shared.live);
  const resolve = (id: string) => translationIn(shared.translationsOf, id, language) ?? id;
  const articlesByTopic = new Map<string, Article[]>();
  const articlesByAuthor = new Map<string, Article[]>();
  const articlesByReviewer = new Map<string, Article[]>();
  const positions = new Map(articles.map((article, index) => [article, index]));
  for (const article of articles) {
    for (const ref of new Set((article.topics ?? []).map((topic) => resolve(topic._ref)))) append(articlesByTopic, ref, article);
    const author = resolve(article.author._ref);
    append(articlesByAuthor, author, article);
    const reviewer = article.reviewer ? resolve(article.reviewer._ref) : undefined;
    if (reviewer && reviewer !== author) append(articlesByReviewer, reviewer, article);
  }
  return {
    language,
    articles,
    staff: inLanguage(shared.staff),
    topics: inLanguage(shared.topics),
    contact: shared.contact,
    searchSettings: shared.dataset.searchSettings[0],
    languageAssistance: shared.dataset.languageAssistance[0],
    staffById: shared.staffById,
    topicsById: shared.topicsById,
    articlesByTopic,
    articlesByAuthor,
    articlesByReviewer,
    positionOf: (article) => positions.get(article) ?? Infinity,
    resolve,
    staffMember: (id) => shared.staffById.get(resolve(id)),
    urlOf: (id) => {
      const doc = shared.byId.get(resolve(id));
      return doc && doc._type !== 'topic' ? ownUrl(doc) : undefined;
    },
    alternatesOf: (id) => {
      const ids = shared.translationsOf.get(id)?.values() ?? [id];
      const alternates: Alternates = {};
      for (const member of ids) {
        const doc = shared.byId.get(member);
        if (doc) alternates[languageOf(doc)] = ownUrl(doc);
      }
      return alternates;
    },
  };
}

/**
 * The static paths of a page in every language (`site/pages/[...lang]/`): `paths` gets each language's
 * content and the `lang` route parameter of its pages (none for the default language).
 */
export async function pathsInEveryLanguage<Path>(paths: (content: SiteContent, lang: string | undefined) => Path[]): Promise<Path[]> {
  const all = await Promise.all(languageIds.map(async (language) => paths(await getSiteContent(language), langParam(language))));
  return all.flat();
}

/** The topics of an article, in its own order, each in the page's language when translated. */
export function topicsOf(article: Article, content: SiteContent): Topic[] {
  return (article.topics ?? []).flatMap((ref) => content.topicsById.get(content.resolve(ref._ref)) ?? []);
}

/** Renders a document's rich text with links resolved and problems reported under its id. */
export function renderBody(blocks: readonly unknown[], where: string, content: SiteContent): string {
  return renderPortableText(blocks, { where, resolveReference: content.urlOf });
}

export { formatDate, isoDate } from './dates.ts';
export { ownUrl } from './urls.ts';

/** The support hours in the page's language: the Spanish field on Spanish pages when it is filled in. */
export function supportHoursIn(contact: ContactDetails, language: Language): string | undefined {
  return (language === 'es' ? contact.supportHoursEs : undefined) ?? contact.supportHours;
}

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
  const topics = new Set((article.topics ?? []).map((topic) => content.resolve(topic._ref)));
  const lists = [...topics].map((ref) => content.articlesByTopic.get(ref) ?? []);
  // The best `count` so far, best first; `content.articles` order (newest first) breaks ties.
  const best: Array<{ other: Article; shared: number; position: number }> = [];
  const consider = (other: Article) => {
    if (other === article) return;
    const refs = (other.topics ?? []).map((topic) => content.resolve(topic._ref));
    const shared = refs.filter((ref, index) => topics.has(ref) && refs.indexOf(ref) === index).length;
    // Most candidates rank below a full list: skip them before looking up their position.
    if (best.length === count && shared < (best.at(-1)?.shared ?? 0)) return;
    const candidate = { other, shared, position: content.positionOf(other) };
    const at = best.findIndex(
      (kept) => candidate.shared > kept.shared || (candidate.shared === kept.shared && candidate.position < kept.position),
    );
    if (at !== -1) best.splice(at, 0, candidate);
    else if (best.length < count) best.push(candidate);
    if (best.length > count) best.pop();
  };
  // An article sharing every topic is in each topic's list, so in the shortest one. That list is newest
  // first: once `count` articles in it share every topic, no other article can rank above them.
  const shortest =
    lists.reduce<Article[] | undefined>((found, list) => (found && found.length <= list.length ? found : list), undefined) ?? [];
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
