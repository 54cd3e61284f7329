/**
 * The shared corpus: documents on which the Studio's validation and the build's (`validateDataset`
 * over the zod schemas) must give the same verdict. Each invalid case breaks one rule of
 * `docs/content-model.md` and names the field path both must report; each valid case may name the paths
 * where the Studio only warns. Cases are checked one at a time, each inside `baseDocuments`.
 */
import {
  annotated,
  article,
  assetId,
  block,
  callout,
  contactDetails,
  type Doc,
  image,
  imageBlock,
  languageAssistance,
  notice,
  pullQuote,
  ref,
  searchSettings,
  staffMember,
  synonymGroup,
  topic,
  without,
} from './builders.ts';

export type { Doc };

/** The documents every case is checked among: what references point to, and what slugs collide with. */
export const baseDocuments: Doc[] = [
  staffMember('staff-author', { name: 'MCA Staff', role: 'Editorial team', isTeamAccount: true }),
  staffMember('staff-reviewer', { name: 'Marcus Delaney', credentials: 'LADC II', role: 'Clinical Supervisor', canReviewClinical: true }),
  // A person the Studio does not offer as a reviewer: not marked `canReviewClinical`.
  staffMember('staff-coach', { name: 'Theo Brennan', role: 'Peer Recovery Coach' }),
  topic('topic-family', { title: 'Family support' }),
  topic('topic-treatment', { title: 'Treatment' }),
  article('article-existing', { title: 'An article already published' }),
  article('article-existing-es', { title: 'Un artículo ya publicado', language: 'es' }),
  contactDetails(),
  { _id: assetId, _type: 'sanity.imageAsset' },
];

export interface ValidCase {
  name: string;
  document: Doc;
  /** Paths where the Studio shows a warning (and the build passes). */
  warningsAt?: string[];
}

export interface InvalidCase {
  name: string;
  document: Doc;
  /** The path where both the Studio and the build report an error. */
  errorAt: string;
}

const long = (length: number) => 'x'.repeat(length);

export const validCases: ValidCase[] = [
  { name: 'article with only the required fields', document: article('valid-minimal') },
  {
    name: 'article with every field and every kind of block',
    document: article('valid-full', {
      reviewedAt: '2025-06-01',
      reviewer: ref('staff-reviewer'),
      topics: [ref('topic-family', 't1'), ref('topic-treatment', 't2')],
      mainImage: image({ caption: 'Groups often meet in a circle.' }),
      seo: { _type: 'seo', title: 'Support groups', description: 'How to choose one.', noIndex: false },
      body: [
        block('Heading', { style: 'h2' }),
        block('Sub-heading', { style: 'h3' }),
        block('Minor heading', { style: 'h4' }),
        block('A quotation', { style: 'blockquote' }),
        block('First point', { listItem: 'bullet', level: 1 }),
        block('Nested point', { listItem: 'bullet', level: 2 }),
        block('Step one', { listItem: 'number', level: 1 }),
        annotated('Call us', { _type: 'link', href: 'tel:+15085550100' }),
        annotated('Write to us', { _type: 'link', href: 'mailto:help@example.org' }),
        annotated('Read more', { _type: 'link', href: 'https://www.samhsa.gov/' }),
        annotated('Our staff', { _type: 'link', href: '/staff/' }),
        annotated('Meet Marcus', { _type: 'internalLink', reference: ref('staff-reviewer') }),
        annotated('Related reading', { _type: 'internalLink', reference: ref('article-existing') }),
        imageBlock({ caption: 'A caption' }),
        pullQuote(),
        callout({ tone: 'info', text: 'Groups meet on Tuesdays.' }),
        callout(),
      ],
    }),
  },
  {
    name: 'article title and excerpt past what search engines show, within the limits',
    document: article('valid-long-title', { title: long(61), excerpt: long(161) }),
    warningsAt: ['title', 'excerpt'],
  },
  {
    // Exports from before `canReviewClinical` build as they did: the Studio only warns.
    name: 'article reviewed by someone not marked as able to review clinical content',
    document: article('valid-unmarked-reviewer', { reviewedAt: '2025-06-01', reviewer: ref('staff-coach') }),
    warningsAt: ['reviewer'],
  },
  {
    name: 'SEO overrides past what search engines show, within the limits',
    document: article('valid-long-seo', { seo: { _type: 'seo', title: long(61), description: long(161) } }),
    warningsAt: ['seo.title', 'seo.description'],
  },
  {
    name: 'article with a link the site shows as plain text (javascript:)',
    document: article('valid-unsafe-link', { body: [annotated('Click', { _type: 'link', href: 'javascript:alert(1)' })] }),
    warningsAt: ['body[0].markDefs[0].href'],
  },
  {
    name: 'article with a path that browsers open as another site (/\\host)',
    document: article('valid-backslash-link', { body: [annotated('Click', { _type: 'link', href: '/\\evil.example/x' })] }),
    warningsAt: ['body[0].markDefs[0].href'],
  },
  {
    name: 'article listing the same topic twice',
    document: article('valid-duplicate-topic', { topics: [ref('topic-family', 't1'), ref('topic-family', 't2')] }),
    warningsAt: ['topics[0]', 'topics[1]'],
  },
  {
    name: 'article whose image was removed, leaving its alt text',
    document: article('valid-image-without-file', { mainImage: { _type: 'image', alt: 'Left behind' } }),
  },
  { name: 'staff member with only the required fields', document: staffMember('valid-staff-minimal') },
  {
    name: 'staff member with every field',
    document: staffMember('valid-staff-full', {
      credentials: 'LICSW, LADC I',
      photo: image(),
      shortBio: long(300),
      bio: [block('Miriam leads the clinical team.'), pullQuote()],
      email: 'miriam.okafor@example.org',
      order: 1,
    }),
  },
  {
    name: 'staff member placed between two others with a fractional position',
    document: staffMember('valid-staff-fraction', { order: 1.5 }),
    warningsAt: ['order'],
  },
  { name: 'topic with a description', document: topic('valid-topic', { description: 'Help for families.' }) },
  {
    name: 'contact details with every field',
    document: contactDetails({
      address: {
        _type: 'address',
        street: '100 Main Street',
        suite: 'Suite 200',
        city: 'Worcester',
        state: 'MA',
        postalCode: '01608',
        country: 'USA',
      },
      supportHours: '24 hours a day, 7 days a week',
      email: 'help@example.org',
      mapUrl: 'https://maps.example.org/?q=100+Main+Street',
    }),
  },
  {
    name: 'Spanish article with the slug of an English one',
    document: article('valid-es-same-slug', { language: 'es', slug: { _type: 'slug', current: 'article-existing' } }),
  },
  { name: 'Spanish staff member', document: staffMember('valid-staff-es', { language: 'es', role: 'Consejera de recuperación' }) },
  {
    name: 'Spanish topic with the slug of an English one',
    document: topic('valid-topic-es', { language: 'es', slug: { _type: 'slug', current: 'topic-family' } }),
  },
  {
    name: 'contact details with Spanish support hours',
    document: contactDetails({ supportHoursEs: 'Las 24 horas, los 7 días de la semana' }),
  },
  {
    name: 'language assistance in Spanish, Brazilian Portuguese, traditional Chinese and Arabic',
    document: languageAssistance({
      notices: [
        notice('n1', 'es'),
        notice('n2', 'pt-BR', { languageName: 'Português' }),
        notice('n3', 'zh-Hant', { languageName: '中文' }),
        notice('n4', 'ar', { languageName: 'العربية', direction: 'rtl' }),
      ],
    }),
  },
  {
    name: 'a term in an English and in a Spanish synonym group',
    document: searchSettings({
      synonyms: [synonymGroup('g1', 'crisis', 'emergency'), { ...synonymGroup('g2', 'crisis', 'emergencia'), language: 'es' }],
    }),
  },
  { name: 'search settings with synonym groups and extra crisis terms', document: searchSettings() },
  { name: 'search settings left empty', document: searchSettings({ synonyms: undefined, crisisTerms: undefined }) },
  {
    name: 'search settings with multi-word terms and hyphens',
    document: searchSettings({
      synonyms: [synonymGroup('g1', 'AA', 'Alcoholics Anonymous', '12-step'), synonymGroup('g2', 'MAT', 'medication-assisted treatment')],
    }),
  },
];

export const invalidCases: InvalidCase[] = [
  // article
  { name: 'article without a title', document: without(article('bad-title-missing'), 'title'), errorAt: 'title' },
  { name: 'article title of spaces only', document: article('bad-title-blank', { title: '   ' }), errorAt: 'title' },
  { name: 'article title over 120 characters', document: article('bad-title-long', { title: long(121) }), errorAt: 'title' },
  { name: 'article without a slug', document: without(article('bad-slug-missing'), 'slug'), errorAt: 'slug' },
  {
    name: 'article slug with capitals and spaces',
    document: article('bad-slug-pattern', { slug: { _type: 'slug', current: 'First Steps' } }),
    errorAt: 'slug',
  },
  {
    name: 'article slug over 96 characters',
    document: article('bad-slug-long', { slug: { _type: 'slug', current: long(97) } }),
    errorAt: 'slug',
  },
  {
    name: 'article slug already used by another article',
    document: article('bad-slug-duplicate', { slug: { _type: 'slug', current: 'article-existing' } }),
    errorAt: 'slug',
  },
  { name: 'article without an excerpt', document: without(article('bad-excerpt-missing'), 'excerpt'), errorAt: 'excerpt' },
  {
    name: 'article excerpt over 300 characters',
    document: article('bad-excerpt-long', { excerpt: long(301) }),
    errorAt: 'excerpt',
  },
  {
    name: 'article without a publication date',
    document: without(article('bad-published-missing'), 'publishedAt'),
    errorAt: 'publishedAt',
  },
  {
    name: 'article publication date that is not a date',
    document: article('bad-published-format', { publishedAt: 'last Tuesday' }),
    errorAt: 'publishedAt',
  },
  {
    name: 'article review date that is not a date',
    document: article('bad-reviewed-format', { reviewedAt: '2025-13-45' }),
    errorAt: 'reviewedAt',
  },
  {
    name: 'article with a review date but no reviewer',
    document: article('bad-review-without-reviewer', { reviewedAt: '2026-01-10' }),
    errorAt: 'reviewer',
  },
  {
    name: 'article reviewed by the team account',
    document: article('bad-reviewer-team', { reviewedAt: '2026-01-10', reviewer: ref('staff-author') }),
    errorAt: 'reviewer',
  },
  { name: 'article without an author', document: without(article('bad-author-missing'), 'author'), errorAt: 'author' },
  {
    name: 'article author who does not exist',
    document: article('bad-author-dangling', { author: ref('staff-nobody') }),
    errorAt: 'author',
  },
  {
    name: 'article reviewer who does not exist',
    document: article('bad-reviewer-dangling', { reviewer: ref('staff-nobody') }),
    errorAt: 'reviewer',
  },
  {
    name: 'article topic that does not exist',
    document: article('bad-topic-dangling', { topics: [ref('topic-nothing', 't1')] }),
    errorAt: 'topics[0]',
  },
  {
    name: 'article main image without alt text',
    document: article('bad-main-image-alt', { mainImage: image({ alt: undefined }) }),
    errorAt: 'mainImage.alt',
  },
  { name: 'article without a body', document: without(article('bad-body-missing'), 'body'), errorAt: 'body' },
  { name: 'article with an empty body', document: article('bad-body-empty', { body: [] }), errorAt: 'body' },
  {
    name: 'image in the body without alt text',
    document: article('bad-body-image-alt', { body: [block('Intro'), imageBlock({ alt: '' })] }),
    errorAt: 'body[1].alt',
  },
  {
    name: 'image in the body without an image file',
    document: article('bad-body-image-file', { body: [imageBlock({ asset: undefined })] }),
    errorAt: 'body[0]',
  },
  {
    name: 'list item nested deeper than 6 levels',
    document: article('bad-list-level', { body: [block('Deep point', { listItem: 'bullet', level: 7 })] }),
    errorAt: 'body[0]',
  },
  {
    name: 'pull quote without a quote',
    document: article('bad-pull-quote', { body: [pullQuote({ quote: undefined })] }),
    errorAt: 'body[0].quote',
  },
  {
    name: 'callout with a tone the site does not know',
    document: article('bad-callout-tone', { body: [callout({ tone: 'danger' })] }),
    errorAt: 'body[0].tone',
  },
  {
    name: 'callout without text',
    document: article('bad-callout-text', { body: [callout({ text: undefined })] }),
    errorAt: 'body[0].text',
  },
  {
    name: 'link to a web address without https://',
    document: article('link-without-scheme', { body: [annotated('Find help', { _type: 'link', href: 'www.samhsa.gov/find-help' })] }),
    errorAt: 'body[0].markDefs[0].href',
  },
  {
    name: 'link without an address',
    document: article('bad-link-href', { body: [annotated('Click', { _type: 'link' })] }),
    errorAt: 'body[0].markDefs[0].href',
  },
  {
    name: 'internal link that points nowhere',
    document: article('bad-internal-link-missing', { body: [annotated('See', { _type: 'internalLink' })] }),
    errorAt: 'body[0].markDefs[0].reference',
  },
  {
    name: 'internal link to a document that does not exist',
    document: article('bad-internal-link-dangling', {
      body: [annotated('See', { _type: 'internalLink', reference: ref('article-gone') })],
    }),
    errorAt: 'body[0].markDefs[0].reference',
  },
  {
    name: 'SEO title over 120 characters',
    document: article('bad-seo-title', { seo: { _type: 'seo', title: long(121) } }),
    errorAt: 'seo.title',
  },
  {
    name: 'SEO description over 300 characters',
    document: article('bad-seo-description', { seo: { _type: 'seo', description: long(301) } }),
    errorAt: 'seo.description',
  },
  {
    name: 'Spanish article slug already used by another Spanish article',
    document: article('bad-es-slug-duplicate', { language: 'es', slug: { _type: 'slug', current: 'article-existing-es' } }),
    errorAt: 'slug',
  },
  { name: 'article in a language outside the list', document: article('bad-language', { language: 'fr' }), errorAt: 'language' },
  // staffMember
  { name: 'staff member without a name', document: without(staffMember('bad-staff-name'), 'name'), errorAt: 'name' },
  { name: 'staff member without a role', document: without(staffMember('bad-staff-role'), 'role'), errorAt: 'role' },
  {
    name: 'staff slug with an accent',
    document: staffMember('bad-staff-slug', { slug: { _type: 'slug', current: 'andré-silva' } }),
    errorAt: 'slug',
  },
  {
    name: 'staff slug over 96 characters',
    document: staffMember('bad-staff-slug-long', { slug: { _type: 'slug', current: long(300) } }),
    errorAt: 'slug',
  },
  {
    name: 'staff slug already used by another staff member',
    document: staffMember('bad-staff-slug-duplicate', { slug: { _type: 'slug', current: 'staff-reviewer' } }),
    errorAt: 'slug',
  },
  {
    name: 'staff short bio over 300 characters',
    document: staffMember('bad-staff-short-bio', { shortBio: long(301) }),
    errorAt: 'shortBio',
  },
  {
    name: 'staff email that is not an address',
    document: staffMember('bad-staff-email', { email: 'dana at example.org' }),
    errorAt: 'email',
  },
  {
    name: 'staff photo without alt text',
    document: staffMember('bad-staff-photo-alt', { photo: image({ alt: ' ' }) }),
    errorAt: 'photo.alt',
  },
  {
    name: 'staff directory position that is not a number',
    document: staffMember('bad-staff-order', { order: 'first' }),
    errorAt: 'order',
  },
  // topic
  { name: 'topic without a title', document: without(topic('bad-topic-title'), 'title'), errorAt: 'title' },
  {
    name: 'topic slug over 96 characters',
    document: topic('bad-topic-slug-long', { slug: { _type: 'slug', current: long(97) } }),
    errorAt: 'slug',
  },
  {
    name: 'topic slug already used by another topic',
    document: topic('bad-topic-slug-duplicate', { slug: { _type: 'slug', current: 'topic-family' } }),
    errorAt: 'slug',
  },
  { name: 'topic in a language outside the list', document: topic('bad-topic-language', { language: 'de' }), errorAt: 'language' },
  // languageAssistance
  {
    name: 'language-assistance notice with a language name, not a code',
    document: languageAssistance({ notices: [notice('n1', 'Spanish')] }),
    errorAt: 'notices[0].language',
  },
  {
    name: 'two language-assistance notices in one language (letter case aside)',
    document: languageAssistance({
      notices: [notice('n1', 'zh-Hant', { languageName: '中文' }), notice('n2', 'zh-hant', { languageName: '中文' })],
    }),
    errorAt: 'notices[1].language',
  },
  {
    name: 'language-assistance notice without its text',
    document: languageAssistance({ notices: [notice('n1', 'es', { text: ' ' })] }),
    errorAt: 'notices[0].text',
  },
  // contactDetails
  {
    name: 'contact details without the organisation name',
    document: without(contactDetails(), 'organizationName'),
    errorAt: 'organizationName',
  },
  { name: 'contact details without an address', document: without(contactDetails(), 'address'), errorAt: 'address' },
  {
    name: 'contact address without a city',
    document: contactDetails({ address: { _type: 'address', street: '100 Main Street', state: 'MA', postalCode: '01608' } }),
    errorAt: 'address.city',
  },
  { name: 'contact details without a phone number', document: without(contactDetails(), 'phone'), errorAt: 'phone' },
  {
    name: 'contact phone too short to dial',
    document: contactDetails({ phone: '555-01' }),
    errorAt: 'phone',
  },
  {
    name: 'contact phone with no digits',
    document: contactDetails({ phone: 'call the front desk' }),
    errorAt: 'phone',
  },
  {
    name: 'contact email that is not an address',
    document: contactDetails({ email: 'help@example' }),
    errorAt: 'email',
  },
  {
    name: 'contact map link that is not a web address',
    document: contactDetails({ mapUrl: 'ftp://maps.example.org/worcester' }),
    errorAt: 'mapUrl',
  },
  // searchSettings
  {
    name: 'synonym group with one term',
    document: searchSettings({ synonyms: [synonymGroup('g1', 'rehab', 'treatment'), synonymGroup('g2', 'detox')] }),
    errorAt: 'synonyms[1].terms',
  },
  {
    name: 'empty synonym group',
    document: searchSettings({ synonyms: [synonymGroup('g1')] }),
    errorAt: 'synonyms[0].terms',
  },
  {
    name: 'synonym group whose two terms differ only in letter case',
    document: searchSettings({ synonyms: [synonymGroup('g1', 'AA', 'aa')] }),
    errorAt: 'synonyms[0].terms',
  },
  {
    name: 'term in two synonym groups (letter case aside)',
    document: searchSettings({ synonyms: [synonymGroup('g1', 'rehab', 'treatment'), synonymGroup('g2', 'Treatment', 'therapy')] }),
    errorAt: 'synonyms[1].terms',
  },
  {
    name: 'synonym group with a blank term',
    document: searchSettings({ synonyms: [synonymGroup('g1', 'rehab', 'treatment', '  ')] }),
    errorAt: 'synonyms[0].terms',
  },
  {
    name: 'extra crisis term listed twice (letter case aside)',
    document: searchSettings({ crisisTerms: ['want to die', 'Want to  die'] }),
    errorAt: 'crisisTerms',
  },
  {
    name: 'synonym group in a language outside the list',
    document: searchSettings({ synonyms: [{ ...synonymGroup('g1', 'rehab', 'treatment'), language: 'fr' }] }),
    errorAt: 'synonyms[0].language',
  },
  {
    name: 'blank extra crisis term',
    document: searchSettings({ crisisTerms: ['want to die', ' '] }),
    errorAt: 'crisisTerms',
  },
];
