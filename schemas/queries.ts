import { defineQuery } from 'groq';

/**
 * The GROQ queries the build runs, the same in every content mode (live through `@sanity/client`,
 * file and default through `groq-js`), written from small named fragments as Sanity's own templates do.
 */

/** Published documents only: `path("*")` matches ids without a dot, so `drafts.…` and `versions.…` never do. */
const published = /* groq */ `_id in path("*")`;

/** Incremental sync: `$ids` lists the documents to fetch, or is `null` for every document. */
const selected = /* groq */ `(!defined($ids) || _id in $ids)`;

/** The system fields every stored document keeps: the loader's cursor reads `_updatedAt`. */
const systemFields = /* groq */ `_id, _type, _updatedAt`;

export const articlesQuery = defineQuery(
  `*[_type == "article" && ${published} && ${selected}]{${systemFields}, language, title, slug, previousSlugs, excerpt, publishedAt, reviewedAt, author, reviewer, topics, mainImage, body, seo}`,
);

export const staffMembersQuery = defineQuery(
  `*[_type == "staffMember" && ${published} && ${selected}]{${systemFields}, language, name, slug, role, credentials, photo, shortBio, bio, email, order, isTeamAccount, canReviewClinical}`,
);

export const topicsQuery = defineQuery(
  `*[_type == "topic" && ${published} && ${selected}]{${systemFields}, language, title, slug, description}`,
);

export const contactDetailsQuery = defineQuery(
  `*[_type == "contactDetails" && _id == "contactDetails" && ${selected}]{${systemFields}, organizationName, address, phone, supportHours, supportHoursEs, email, mapUrl}`,
);

export const searchSettingsQuery = defineQuery(
  `*[_type == "searchSettings" && _id == "searchSettings" && ${selected}]{${systemFields}, synonyms[]{_key, _type, terms, language}, crisisTerms}`,
);

export const languageAssistanceQuery = defineQuery(
  `*[_type == "languageAssistance" && _id == "languageAssistance" && ${selected}]{${systemFields}, notices[]{_key, _type, language, languageName, text, direction}}`,
);

/**
 * The translation groups of `@sanity/document-internationalization`. A translation that exists only as a
 * draft is a reference to an id no published document has: the build ignores it.
 */
export const translationGroupsQuery = defineQuery(
  `*[_type == "translation.metadata" && ${published} && ${selected}]{${systemFields}, schemaTypes, translations[]{_key, _type, value}}`,
);

/**
 * The id, type and revision of every published document of the types in `$types`: a new or changed
 * revision is what to fetch, a missing id was deleted.
 */
export const publishedVersionsQuery = defineQuery(`*[_type in $types && ${published}]{_id, _type, _rev, _updatedAt}`);

/** Parameters that make a document query return every document. */
export const allDocuments = { ids: null } as const;

/** One query per document type the site reads. */
export const documentQueries = {
  article: articlesQuery,
  staffMember: staffMembersQuery,
  topic: topicsQuery,
  contactDetails: contactDetailsQuery,
  searchSettings: searchSettingsQuery,
  languageAssistance: languageAssistanceQuery,
  'translation.metadata': translationGroupsQuery,
} as const;

/** The first published article due later than `$now` (an ISO date-time): what the scheduled-rebuild timer waits for. */
export const nextScheduledArticleQuery = defineQuery(
  `*[_type == "article" && ${published} && dateTime(publishedAt) > dateTime($now)] | order(publishedAt asc) [0]{_id, publishedAt}`,
);

/**
 * How many published articles became due between two builds (`$since`, `$now`): scheduled ones going live
 * change what is public without a new revision (`scripts/output-reuse.ts`).
 */
export const articlesDueQuery = /* groq */ `count(*[_type == "article" && ${published} && dateTime(publishedAt) > dateTime($since) && dateTime(publishedAt) <= dateTime($now)])`;

/** `npm run content:export`: the published documents of a dataset, none of Sanity's system or asset documents. */
export const publishedContentQuery = /* groq */ `*[${published} && !(_type match "sanity.*") && !(_type match "system.*")]`;

/** `npm run content:export`: asset documents by id, for `assets.json` and for where to download each file. */
export const assetDocumentsQuery = /* groq */ `*[_id in $ids]`;

/** `npm run content:import`: the documents of a dataset, drafts included, Sanity's own system documents (`_.…`) aside. */
export const datasetSizeQuery = /* groq */ `count(*[!(_id in path("_.**"))])`;

/** The Studio's article form: whether the chosen reviewer is a team account, and their name. */
export const reviewerQuery = /* groq */ `*[_id == $id][0]{isTeamAccount, canReviewClinical, name}`;

/** The Studio's article form: when the live (published) version went on the site. */
export const livePublishedAtQuery = /* groq */ `*[_id == $id && ${published}][0].publishedAt`;

/** The Studio's "Scheduled" list: the published articles still waiting for their `publishedAt` at `$now`, soonest first. */
export const scheduledArticleIdsQuery = /* groq */ `*[_type == "article" && ${published} && dateTime(publishedAt) > dateTime($now)] | order(publishedAt asc)._id`;
