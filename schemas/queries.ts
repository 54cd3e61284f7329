import { defineQuery } from 'groq';

/**
 * The GROQ queries the build runs, the same in every content mode (live through `@sanity/client`,
 * file and default through `groq-js`). Each keeps to published documents: `path("*")` matches only
 * ids without a dot, so `drafts.…` and `versions.…` never match.
 */

export const articlesQuery = defineQuery(
  `*[_type == "article" && _id in path("*")]{_id, _type, _updatedAt, title, slug, excerpt, publishedAt, reviewedAt, author, reviewer, topics, mainImage, body, seo}`,
);

export const staffMembersQuery = defineQuery(
  `*[_type == "staffMember" && _id in path("*")]{_id, _type, _updatedAt, name, slug, role, credentials, photo, shortBio, bio, email, order}`,
);

export const topicsQuery = defineQuery(
  `*[_type == "topic" && _id in path("*")]{_id, _type, _updatedAt, title, slug, description}`,
);

export const contactDetailsQuery = defineQuery(
  `*[_type == "contactDetails" && _id == "contactDetails"]{_id, _type, _updatedAt, organizationName, address, phone, supportHours, email, mapUrl}`,
);

/** One query per document type the site reads. */
export const documentQueries = {
  article: articlesQuery,
  staffMember: staffMembersQuery,
  topic: topicsQuery,
  contactDetails: contactDetailsQuery,
} as const;
