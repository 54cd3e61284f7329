import { CalendarIcon } from '@sanity/icons/Calendar';
import { ClockIcon } from '@sanity/icons/Clock';
import { DocumentsIcon } from '@sanity/icons/Documents';
import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { SearchIcon } from '@sanity/icons/Search';
import { TagIcon } from '@sanity/icons/Tag';
import { TagsIcon } from '@sanity/icons/Tags';
import { TranslateIcon } from '@sanity/icons/Translate';
import { UsersIcon } from '@sanity/icons/Users';
import type { StructureBuilder, StructureResolver, StructureResolverContext } from 'sanity/structure';
import {
  clinicalReviewCutoff,
  clinicalReviewIntervalMonths,
  dueForReviewIdsQuery,
  dueForReviewOrdering,
} from '../../schemas/clinical-review.ts';
import { defaultLanguage, languages } from '../../schemas/languages.ts';
import { scheduledArticleIdsQuery } from '../../schemas/queries.ts';
import { contactDetailsId, languageAssistanceId, searchSettingsId } from '../../schemas/rules.ts';
import { defaultApiVersion } from '../../schemas/settings.ts';

type Language = (typeof languages)[number];

const newestFirst = [{ field: 'publishedAt', direction: 'desc' as const }];
const soonestFirst = [{ field: 'publishedAt', direction: 'asc' as const }];
const byTitle = [{ field: 'title', direction: 'asc' as const }];

/** Staff as the site's directory lists them: by `order`, then by name. */
export const directoryOrder = [
  { field: 'order', direction: 'asc' as const },
  { field: 'name', direction: 'asc' as const },
];

/** Documents in `$language`; a document without `language` is in the default language. */
export const inLanguage = 'coalesce(language, $defaultLanguage) == $language';

interface ListOptions {
  title: string;
  /** The documents besides their type and language; `_type == "<type>"` when left out. */
  filter?: string;
  params?: Record<string, unknown>;
  ordering: { field: string; direction: 'asc' | 'desc'; nulls?: 'first' | 'last' }[];
  /** `detail` shows each row's description too. */
  layout?: 'default' | 'detail';
}

/** The documents of `type` in `language`; a document created from the list is in that language. */
function languageList(S: StructureBuilder, type: string, language: Language, options: ListOptions) {
  const { title, filter = `_type == "${type}"`, params = {}, ordering, layout = 'default' } = options;
  return (
    S.documentList()
      .schemaType(type)
      .title(title)
      .defaultLayout(layout)
      .filter(`${filter} && ${inLanguage}`)
      // The GROQ of the filter is read as of this API version, not whatever the Studio's default becomes.
      .apiVersion(defaultApiVersion)
      .params({ ...params, language: language.id, defaultLanguage })
      .defaultOrdering(ordering)
      // Last: each later builder call would infer the templates again (every language's).
      .initialValueTemplates([S.initialValueTemplateItem(`${type}-${language.id}`)])
  );
}

/** One item per language, e.g. Staff → English / Español, each opening `child(language)`. */
function byLanguage(
  S: StructureBuilder,
  title: string,
  child: (language: Language) => ReturnType<StructureBuilder['list']> | ReturnType<StructureBuilder['documentList']>,
) {
  return S.list()
    .title(title)
    .items(languages.map((language) => S.listItem().title(language.title).id(language.id).icon(TranslateIcon).child(child(language))));
}

/**
 * The ids `query` finds in the published perspective. A document list reads each document as the editor's
 * draft overlays it; lists about what is live are built on these ids instead.
 */
async function publishedIds(context: StructureResolverContext, query: string, params: Record<string, unknown>): Promise<string[]> {
  return context.getClient({ apiVersion: defaultApiVersion }).fetch<string[]>(query, params, { perspective: 'published' });
}

/** The articles among `ids`. */
const articleIn = '_type == "article" && _id in $ids';

/** The articles of one language: all, by topic, scheduled, due for clinical review. */
function articlesIn(S: StructureBuilder, context: StructureResolverContext, language: Language) {
  return S.list()
    .title(`Articles: ${language.title}`)
    .items([
      S.listItem()
        .title('All articles')
        .id('all')
        .icon(DocumentTextIcon)
        .schemaType('article')
        .child(languageList(S, 'article', language, { title: `All articles: ${language.title}`, ordering: newestFirst })),
      S.listItem()
        .title('By topic')
        .id('by-topic')
        .icon(TagsIcon)
        .child(
          languageList(S, 'topic', language, { title: `Articles by topic: ${language.title}`, ordering: byTitle }).child((topicId) =>
            languageList(S, 'article', language, {
              title: 'Articles',
              filter: '_type == "article" && $topicId in topics[]._ref',
              params: { topicId },
              ordering: newestFirst,
            }),
          ),
        ),
      S.listItem()
        .title('Scheduled')
        .id('scheduled')
        .icon(ClockIcon)
        // A function, so "now" is the time the list opens.
        .child(async () =>
          languageList(S, 'article', language, {
            title: `Scheduled: ${language.title}`,
            filter: articleIn,
            params: { ids: await publishedIds(context, scheduledArticleIdsQuery, { now: new Date().toISOString() }) },
            ordering: soonestFirst,
          }),
        ),
      S.listItem()
        .title('Due for clinical review')
        .id('due-for-review')
        .icon(CalendarIcon)
        // A function, so the cut-off date is worked out each time the list opens.
        .child(async () =>
          languageList(S, 'article', language, {
            title: `Not reviewed in the last ${clinicalReviewIntervalMonths} months`,
            filter: articleIn,
            params: { ids: await publishedIds(context, dueForReviewIdsQuery, { cutoff: clinicalReviewCutoff(new Date()) }) },
            ordering: dueForReviewOrdering,
            // Each row shows its last review date and reviewer.
            layout: 'detail',
          }),
        ),
    ]);
}

/**
 * The Studio's navigation: the contact details, language assistance and search settings singletons
 * first, then articles (all, by topic, scheduled, due for clinical review), staff in directory order and topics,
 * each split by language (English, Español).
 */
export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Contact details')
        .id(contactDetailsId)
        .icon(EnvelopeIcon)
        .child(S.document().schemaType('contactDetails').documentId(contactDetailsId).title('Contact details')),
      S.listItem()
        .title('Language assistance')
        .id(languageAssistanceId)
        .icon(TranslateIcon)
        .child(S.document().schemaType('languageAssistance').documentId(languageAssistanceId).title('Language assistance')),
      S.listItem()
        .title('Search settings')
        .id(searchSettingsId)
        .icon(SearchIcon)
        .child(S.document().schemaType('searchSettings').documentId(searchSettingsId).title('Search settings')),
      S.divider(),
      S.listItem()
        .title('Articles')
        .id('articles')
        .icon(DocumentsIcon)
        .child(byLanguage(S, 'Articles', (language) => articlesIn(S, context, language))),
      S.listItem()
        .title('Staff')
        .id('staff')
        .icon(UsersIcon)
        .child(
          byLanguage(S, 'Staff', (language) =>
            languageList(S, 'staffMember', language, { title: `Staff (directory order): ${language.title}`, ordering: directoryOrder }),
          ),
        ),
      S.listItem()
        .title('Topics')
        .id('topics')
        .icon(TagIcon)
        .child(
          byLanguage(S, 'Topics', (language) =>
            languageList(S, 'topic', language, { title: `Topics: ${language.title}`, ordering: byTitle }),
          ),
        ),
    ]);
