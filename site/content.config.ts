import { defineCollection } from 'astro:content';
import { sanityLoader } from './lib/content/sanity-loader.ts';

/** Every published document the site reads, keyed by `_id`, validated as one dataset by the loader. */
export const collections = {
  sanity: defineCollection({ loader: sanityLoader() }),
};
