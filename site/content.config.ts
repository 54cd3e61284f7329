import { defineCollection } from 'astro:content';
import { sanityLoader } from './lib/content/sanity-loader.ts';

/** One collection per Sanity document type, all read from the same validated source. */
export const collections = {
  articles: defineCollection({ loader: sanityLoader('article') }),
  staff: defineCollection({ loader: sanityLoader('staffMember') }),
  topics: defineCollection({ loader: sanityLoader('topic') }),
  contact: defineCollection({ loader: sanityLoader('contactDetails') }),
};
