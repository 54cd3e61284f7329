import { article } from './documents/article.ts';
import { staffMember } from './documents/staff-member.ts';
import { topic } from './documents/topic.ts';
import { address } from './objects/address.ts';
import { callout } from './objects/callout.ts';
import { portableText } from './objects/portable-text.ts';
import { pullQuote } from './objects/pull-quote.ts';
import { seo } from './objects/seo.ts';
import { contactDetails } from './singletons/contact-details.ts';
import { languageAssistance } from './singletons/language-assistance.ts';
import { searchSettings } from './singletons/search-settings.ts';

/** Every Sanity schema type of the content model; the Studio registers exactly these. */
export const schemaTypes = [
  article,
  staffMember,
  topic,
  contactDetails,
  languageAssistance,
  searchSettings,
  portableText,
  pullQuote,
  callout,
  address,
  seo,
];

/** The singleton document types, which have one document with a fixed `_id`. */
export const singletonTypes: ReadonlySet<string> = new Set([contactDetails.name, languageAssistance.name, searchSettings.name]);
