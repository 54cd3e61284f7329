import type { Article, ContactDetails, StaffMember } from '../../schemas/zod/index.ts';
import { resolveImage } from './images.ts';
import type { Language } from '../../schemas/languages.ts';
import { translations } from '../i18n/index.ts';
import { ownUrl, urls } from './urls.ts';

const absolute = (path: string, site: URL) => new URL(path, site).href;

/** The centre as a schema.org `MedicalClinic`, with address and telephone. */
export function organizationData(contact: ContactDetails, site: URL): Record<string, unknown> {
  const { address } = contact;
  return {
    '@type': 'MedicalClinic',
    '@id': absolute(`${urls.home}#organization`, site),
    name: contact.organizationName,
    url: site.href,
    telephone: contact.phone,
    ...(contact.email ? { email: contact.email } : {}),
    ...(contact.mapUrl ? { hasMap: contact.mapUrl } : {}),
    ...(contact.supportHours ? { description: `Support: ${contact.supportHours}` } : {}),
    medicalSpecialty: 'Psychiatric',
    address: {
      '@type': 'PostalAddress',
      streetAddress: [address.street, address.suite].filter(Boolean).join(', '),
      addressLocality: address.city,
      addressRegion: address.state,
      postalCode: address.postalCode,
      ...(address.country ? { addressCountry: address.country } : {}),
    },
  };
}

/** A staff member as a schema.org `Person` working for the centre. */
export function personData(member: StaffMember, site: URL): Record<string, unknown> {
  const photo = member.photo ? resolveImage(member.photo) : undefined;
  return {
    '@type': 'Person',
    '@id': absolute(`${ownUrl(member)}#person`, site),
    name: member.name,
    url: absolute(ownUrl(member), site),
    jobTitle: member.role,
    ...(member.credentials ? { honorificSuffix: member.credentials } : {}),
    ...(member.shortBio ? { description: member.shortBio } : {}),
    ...(photo ? { image: absolute(photo.src, site) } : {}),
    worksFor: { '@id': absolute(`${urls.home}#organization`, site) },
  };
}

/** An article as a schema.org `Article` with its author (and reviewer). */
export function articleData(
  article: Article,
  people: { author: StaffMember; reviewer: StaffMember | undefined },
  site: URL,
  language: Language,
): Record<string, unknown> {
  const image = article.mainImage ? resolveImage(article.mainImage) : undefined;
  const url = absolute(ownUrl(article), site);
  return {
    '@type': 'Article',
    inLanguage: translations[language].locale.intl,
    headline: article.title,
    description: article.excerpt,
    url,
    mainEntityOfPage: url,
    datePublished: article.publishedAt,
    ...(article._updatedAt ? { dateModified: article._updatedAt } : {}),
    ...(article.reviewedAt ? { lastReviewed: article.reviewedAt } : {}),
    ...(image ? { image: absolute(image.src, site) } : {}),
    author: personData(people.author, site),
    ...(people.reviewer ? { reviewedBy: personData(people.reviewer, site) } : {}),
    publisher: { '@id': absolute(`${urls.home}#organization`, site) },
  };
}
