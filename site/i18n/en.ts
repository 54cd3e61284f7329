/**
 * Every interface string of the site in English, the default language, and the shape every other
 * language's file must fill (`Strings`): a key missing there fails the type check.
 */
export const en = {
  /** How this language is written and named. */
  locale: {
    /** The language's own name, on the language switch. */
    name: 'English',
    /** `Intl` locale for dates and numbers. */
    intl: 'en-US',
    /** Open Graph `og:locale`. */
    openGraph: 'en_US',
    /** RSS `<language>`. */
    rss: 'en-us',
    dir: 'ltr',
  },
  layout: {
    skipLink: 'Skip to main content',
    supportWithHours: (hours: string) => `Support ${hours}:`,
    callUs: 'Call us:',
    mainNav: 'Main',
    searchLabel: 'Search articles and staff',
    searchButton: 'Search',
    /** The language switch's accessible name. */
    languageSwitch: 'Language',
    /** Added, hidden, to the language switch when this page has no translation in the language. */
    switchToHome: '(home page in English)',
    rssTitle: (organization: string) => `${organization}: articles`,
  },
  nav: {
    articles: 'Articles',
    staff: 'Our staff',
    about: 'About',
    contact: 'Contact',
  },
  footer: {
    phone: 'Phone:',
    support: 'Support:',
    email: 'Email:',
    emergency: 'In an emergency',
    navLabel: 'Footer',
    articles: 'Articles',
    staff: 'Our staff',
    contact: 'Contact us',
    about: 'About us',
    privacy: 'Privacy',
    accessibility: 'Accessibility',
    rss: 'RSS feed',
    topics: 'Topics',
  },
  crisis: {
    /** Around the 911 link. */
    danger: { before: 'If you or someone else is in immediate danger, call ', after: '.' },
    /** Around the links to call and to text 988. */
    line988: {
      before: 'For a mental-health or substance-use crisis, ',
      call: 'call 988',
      between: ' or ',
      text: 'text 988',
      after: ', any time.',
    },
    helpNow: 'If you need help now',
    /** The slim line under every page's header. */
    line: {
      region: 'Crisis help',
      lead: 'In crisis?',
      call: 'Call',
      callLabel: 'Call 988',
      or: 'or',
      text: 'text 988',
      emergency: 'Emergency:',
      call911Label: 'Call 911',
    },
    /** The three numbers as full-size buttons, in the search page's crisis callout. */
    buttons: {
      label: 'Crisis lines',
      call911: 'Call 911',
      call988: 'Call 988',
      text988: 'Text 988',
      hint: '911 for immediate danger; 988 for a mental-health or substance-use crisis, by phone or text, any time.',
    },
  },
  lists: {
    noArticles: 'No articles yet.',
    newer: 'Newer articles',
    older: 'Older articles',
    page: (page: number) => `Page ${page}`,
    pagesLabel: 'Article pages',
    pagesOf: (what: string) => `Pages of ${what}`,
    pageOf: (title: string, page: number, last: number) => `${title}, page ${page} of ${last}`,
    articleCount: (count: number) => (count === 1 ? '1 article' : `${count} articles`),
  },
  home: {
    title: (organization: string) => `${organization}: addiction treatment and recovery support`,
    description: (place: string, phone: string, hours: string | undefined) =>
      `Confidential help with addiction and recovery in ${place}. Call ${phone}${hours ? `, ${hours}` : ''}.`,
    heading: 'Recovery is possible, and you do not have to start alone',
    lead: (organization: string, place: string) =>
      `${organization} helps people and families affected by drugs and alcohol, with treatment, group therapy and peer support in ${place}.`,
    call: 'Call',
    message: 'Send us a message',
    latest: 'Latest articles',
    allArticles: 'All articles',
    topics: 'Browse by topic',
    /** The second button where the site has no contact form. */
    otherWays: 'Other ways to reach us',
    allTopics: 'All topics',
  },
  cta: {
    eyebrowHours: 'Support, any time',
    eyebrow: 'Support',
    heading: (organization: string) => `Start your recovery with ${organization}`,
    textHours: (hours: string) => `Our team is available ${hours} to answer your questions, in confidence.`,
    text: 'Our team is here to answer your questions, in confidence.',
    firstStep: 'Call us today and take the first step toward long-term recovery.',
    call: 'Call',
    contact: 'Contact us',
  },
  articles: {
    title: 'Articles',
    description: 'Articles on addiction, treatment and recovery from our clinical team, newest first.',
    lead: 'Plain-language articles on addiction, treatment and recovery, written and reviewed by our clinical team.',
    feedDescription: 'Articles on addiction, treatment and recovery from our clinical team.',
  },
  article: {
    by: 'By',
    published: 'Published',
    clinicallyReviewed: 'Clinically reviewed',
    reviewedBy: 'Reviewed by',
    byReviewer: 'by',
    writtenBy: 'Written by',
    clinicallyReviewedBy: 'Clinically reviewed by',
    related: 'Related articles',
    topics: 'Topics',
    readMore: 'Read more',
    about: (name: string) => ` about ${name}`,
  },
  topics: {
    title: 'Topics',
    description: 'Every topic of our articles on addiction, treatment and recovery, with how many articles each has.',
    lead: 'Our articles by topic. Each topic page lists its articles, newest first.',
    count: (count: number) => (count === 0 ? 'No articles yet' : count === 1 ? '1 article' : `${count} articles`),
  },
  topic: {
    description: (title: string) => `Articles about ${title.toLowerCase()}.`,
  },
  staff: {
    title: 'Our staff',
    description: (organization: string) => `The clinicians and recovery specialists of ${organization}.`,
    lead: 'The clinicians, counsellors and recovery specialists who write and review our articles and work with you.',
    profileDescription: (name: string, role: string, organization: string) => `${name}, ${role} at ${organization}.`,
    email: 'Email:',
    articlesBy: (name: string) => `Articles by ${name}`,
    allArticlesBy: (count: number, name: string) => `All ${count} articles by ${name}`,
    reviewedBy: (name: string) => `Articles reviewed by ${name}`,
    allReviewedBy: (count: number, name: string) => `All ${count} articles reviewed by ${name}`,
    newestFirst: (heading: string) => `${heading}, newest first.`,
    about: (name: string) => `About ${name}`,
  },
  contact: {
    title: 'Contact us',
    description: (phone: string, address: string) => `Call ${phone} or visit us at ${address}.`,
    lead: 'Whether you are looking for help for yourself or someone you love, we are here to listen. Calls are confidential.',
    callOrVisit: 'Call or visit',
    phone: 'Phone',
    hours: 'Hours',
    address: 'Address',
    map: 'Open a map',
    email: 'Email',
    formHeading: 'Send us a message',
    formIntro: 'We reply within one working day. Please do not include medical details you would not want in an email.',
  },
  form: {
    name: 'Name',
    required: '(required)',
    email: 'Email',
    phone: 'Phone',
    reach: 'Leave an email address or a phone number (or both) so that we can reply.',
    message: 'How can we help?',
    honeypot: 'Leave this field empty',
    send: 'Send message',
    correctFields: 'Please correct the fields marked below.',
    notSent: 'Your message could not be sent. Please try again, or call us.',
    offline: 'Your message could not be sent: check your connection and try again, or call us.',
  },
  sent: {
    title: 'Message sent',
    description: 'Thank you for your message: we reply within one working day.',
    heading: 'Thank you: your message was sent',
    lead: 'A member of our team will reply within one working day, by email or by phone, as you asked.',
    callNow: 'If you would rather talk now, call us at',
    home: 'Back to the home page',
  },
  search: {
    title: 'Search',
    description: 'Search articles, staff and pages.',
    label: 'Search articles, staff and pages',
    button: 'Search',
    filters: 'Filter results',
    filtersOn: '({count} on)',
    type: 'Type',
    types: { Article: 'Articles', Staff: 'Staff', Page: 'Other pages' },
    /** A result's type, as each result shows it. */
    resultTypes: { Article: 'Article', Staff: 'Staff', Page: 'Page' },
    topic: 'Topic',
    noScript: 'Search needs JavaScript, which is turned off in your browser.',
    crisisHeading: 'If you need help right now',
    talkToUs: 'To talk to us: call',
    overdoseLead: 'If someone may have overdosed:',
    overdoseSteps: ['Call 911 now.', 'Give naloxone (Narcan) if you have it.', 'Stay with the person until help arrives.'] as string[],
    results: 'Results',
    more: 'Show more results',
    fallbackHeading: 'Other ways to find what you need',
    fallbackBrowse: 'Browse',
    fallbackAll: 'all articles',
    fallbackOr: 'or',
    fallbackStaff: 'our staff',
    fallbackCall: ', or call us on',
    fallbackAnswer: ': we can answer your question.',
    fallbackTopics: 'Topics',
    /** Messages of the search page's script: plain text with `{placeholders}`, since they travel in the page as JSON. */
    script: {
      resultOne: '1 result',
      resultMany: '{count} results',
      withFilters: ' with the filters you chose',
      forQuery: '{results} for “{query}”{filtered}',
      /** Before loose matches (some of the words, or words that start the same way). */
      closeMatches: 'No exact results for ‘{query}’{filtered}. Close matches:',
      none: 'No results for “{query}”{filtered}',
      noneFiltered: 'Nothing matches with these filters. Turn some filters off, or try other words.',
      noneNotice: 'Try other or fewer words, or find your way from the topics below.',
      failed: 'Search could not be loaded. Check your connection and try again, or use the links below.',
    },
  },
  notFound: {
    title: 'Page not found',
    description: 'This page does not exist.',
    heading: 'We could not find that page',
    lead: 'The address may be mistyped, or the page may have moved.',
    home: 'Go to the home page',
    articles: 'Browse all articles',
    search: 'Search the site',
    callUs: 'If you need help now, call us:',
  },
  /** The small page left at an article's old address (`lib/redirects.ts`). */
  moved: {
    title: 'This page has moved',
    /** Before the link to the new address. */
    movedTo: 'This page has moved to',
  },
  /** What the centre's server answers about a contact message it did not accept (`scripts/server/contact/`). */
  contactServer: {
    labels: { name: 'Name', email: 'Email', phone: 'Phone', message: 'Message', language: 'Language', form: 'Form' },
    nameMissing: 'Enter your name.',
    nameLong: 'Use at most 100 characters for your name.',
    nameBidi: 'Remove the invisible text-direction characters from your name.',
    emailBidi: 'Remove the invisible text-direction characters from your email address.',
    nameOneLine: 'Write your name on one line.',
    emailNotText: 'Enter an email address as text.',
    emailLong: 'Use at most 254 characters for your email address.',
    emailOneLine: 'Write your email address on one line.',
    emailInvalid: 'Enter an email address such as name@example.org.',
    phoneNotText: 'Enter a phone number as text.',
    phoneLong: 'Use at most 40 characters for your phone number.',
    phoneInvalid: 'Enter a phone number such as (617) 555-0142.',
    messageMissing: 'Enter your message.',
    messageLong: 'Use at most 5,000 characters for your message.',
    messageControl: 'Remove the control characters from your message.',
    languageInvalid: 'The form was sent in a language this site does not have.',
    reach: 'Leave an email address or a phone number so that we can reply.',
    tooMany: 'Too many messages were sent from your connection. Please try again later, or call us.',
    otherSite: 'This form only accepts messages from the centre’s own website.',
    tooLong: 'The message is too long: keep it under 32 KiB (about 5,000 characters are allowed).',
    titleInvalid: 'Your message was not sent yet',
    titleNotSent: 'Your message was not sent',
    titleTooLong: 'Your message is too long',
    titleTooMany: 'Please wait before sending another message',
    introInvalid: 'Please correct the following and send it again:',
    introTooMany: 'Too many messages came from your connection. Please try again later, or call us.',
    introOther: 'Please go back and try again, or call us.',
    back: 'Go back to the contact form',
    backKeeps: 'Your browser’s Back button keeps what you typed.',
    /** Above the form on the site's own page, around the link to the first field. */
    goToForm: 'Go to the form',
    stillTyped: ': what you typed is still in it.',
  },
  languageAssistance: {
    /** The footer link, the same in every language: each reader finds their own words. */
    link: 'Language assistance',
    /** The notice shown when editors have published none. */
    defaultNotice: (phone: string) => `Free language assistance is available. Call ${phone} and tell us which language you speak.`,
  },
} as const satisfies Record<string, unknown>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends object
      ? { -readonly [K in keyof T]: Widen<T[K]> }
      : T;

/** The interface strings of one language: every key of the English file, with any text in it. */
export type Strings = Widen<typeof en> & { locale: { dir: 'ltr' | 'rtl' } };
