import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { defineArrayMember, defineField, defineType, getPublishedId, type ValidationContext } from 'sanity';
import { livePublishedAtQuery, reviewerQuery } from '../../queries.ts';
import { rules } from '../../rules.ts';
import { reviewSummary } from '../../clinical-review.ts';
import { isScheduled, rescheduleWarning, scheduledLabel } from '../../scheduling.ts';
import { centreDay, centreTimeZone } from '../../time-zone.ts';
import { descriptionLength, titleLength } from '../objects/field-rules.ts';
import { imageField } from '../objects/image-fields.ts';
import { languageField } from '../objects/language-field.ts';
import { notBlank } from '../objects/required-text.ts';
import { slugField } from '../objects/slug-field.ts';

/**
 * A review date needs a reviewer, and the reviewer is a person, not a team account: the build checks
 * the same (`clinicalReviewProblems` in `schemas/validate-dataset.ts`).
 */
async function reviewerRule(value: { _ref?: string } | undefined, context: ValidationContext): Promise<true | string> {
  const reviewedAt = (context.document as { reviewedAt?: string } | undefined)?.reviewedAt;
  if (!value?._ref) return reviewedAt ? 'Required when "Clinically reviewed on" is set: choose who reviewed it' : true;
  const reviewer = (await context.getClient({ apiVersion: '2025-02-19' }).fetch(reviewerQuery, { id: value._ref })) as {
    isTeamAccount?: boolean;
    canReviewClinical?: boolean;
    name?: string;
  } | null;
  if (reviewer?.isTeamAccount === true)
    return `${reviewer.name ?? 'This entry'} is a team account: choose the clinician who reviewed the article`;
  return true;
}

/** Staff offered as reviewers: marked able to review clinical content, and never a team account. */
export const reviewerFilter = 'canReviewClinical == true && isTeamAccount != true';

/** A reviewer chosen before `canReviewClinical` existed, or since unmarked: a warning, never an error. */
async function reviewerMarkedRule(value: { _ref?: string } | undefined, context: ValidationContext): Promise<true | string> {
  if (!value?._ref) return true;
  const reviewer = (await context.getClient({ apiVersion: '2025-02-19' }).fetch(reviewerQuery, { id: value._ref })) as {
    canReviewClinical?: boolean;
    isTeamAccount?: boolean;
    name?: string;
  } | null;
  if (!reviewer || reviewer.isTeamAccount === true || reviewer.canReviewClinical === true) return true;
  return `${reviewer.name ?? 'This staff member'} is not marked "Can review clinical content": tick it on their staff entry, or choose a clinician who is`;
}

/** Moving a live article's date into the future takes it off the site until then: say so before publishing. */
async function rescheduleRule(value: string | undefined, context: ValidationContext): Promise<true | string> {
  const id = (context.document as { _id?: string } | undefined)?._id;
  const now = new Date();
  if (!id || !value || !isScheduled(value, now)) return true;
  const live = (await context.getClient({ apiVersion: '2025-02-19' }).fetch(livePublishedAtQuery, { id: getPublishedId(id) })) as
    | string
    | null;
  return rescheduleWarning(live ?? undefined, value, now) ?? true;
}

/** An article (`docs/content-model.md`, `article`): `/articles/<slug>/`. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [
    { name: 'content', title: 'Content', default: true },
    { name: 'people', title: 'Author and review' },
    { name: 'seo', title: 'Search engines' },
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      description: 'The headline, on the page, in lists and in search results. Keep it under 60 characters.',
      validation: (rule) => [rule.required().custom(notBlank), ...titleLength(rule)],
    }),
    { ...slugField('title'), group: 'content' },
    defineField({
      name: 'previousSlugs',
      title: 'Previous URL slugs',
      type: 'array',
      group: 'content',
      description:
        'Earlier slugs of this article. Their old addresses send visitors on to the current page. Publishing a changed slug adds the old one here; remove one only if no link to it should keep working.',
      of: [defineArrayMember({ type: 'string' })],
      // The old addresses are the original's: a new translation has none of its own.
      options: { layout: 'tags', documentInternationalization: { exclude: true } },
      validation: (rule) =>
        rule.custom((slugs: string[] | undefined) =>
          (slugs ?? []).every((slug) => typeof slug === 'string' && rules.slugPattern.test(slug))
            ? true
            : 'Use only lower-case letters, digits and hyphens in each slug',
        ),
    }),
    defineField({
      name: 'excerpt',
      title: 'Excerpt',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'A summary for article cards, search results and search engines.',
      validation: (rule) => [rule.required().custom(notBlank), ...descriptionLength(rule)],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'datetime',
      group: 'content',
      description:
        'When the article goes on the site. A future date and time schedules it: it stays off the site until the first rebuild after that time (within the hour).',
      initialValue: () => new Date().toISOString(),
      // Typed and shown in the centre's time zone, named beside the field, whatever the editor's computer says.
      options: { displayTimeZone: centreTimeZone, allowTimeZoneSwitch: false },
      validation: (rule) => [rule.required(), rule.custom(rescheduleRule).warning()],
    }),
    {
      ...imageField('mainImage', 'Main image', true),
      group: 'content',
      description: 'Optional. Shown at the top of the article and on its card; a landscape photo works best.',
    },
    defineField({
      name: 'body',
      title: 'Body',
      type: 'portableText',
      group: 'content',
      description: 'The article itself: headings, lists, links, images, pull quotes and callouts (use "Crisis help" for urgent numbers).',
      validation: (rule) => [rule.required(), rule.min(1).error('Write at least one paragraph')],
    }),
    defineField({
      name: 'topics',
      title: 'Topics',
      type: 'array',
      group: 'content',
      description: "The subjects it belongs to: it is listed on each topic's page and related articles are chosen by shared topics.",
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'topic' }] })],
      // A repeated topic is harmless on the site, so it does not block publishing.
      validation: (rule) => [rule, rule.unique().warning('This topic is listed twice')],
    }),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'reference',
      group: 'people',
      to: [{ type: 'staffMember' }],
      description:
        'Who wrote it; their name, credentials and short bio appear under the article. For team-written articles choose the team account ("MCA Staff").',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'reviewer',
      title: 'Clinically reviewed by',
      type: 'reference',
      group: 'people',
      to: [{ type: 'staffMember' }],
      description:
        'The clinician who checked the article: only staff marked "Can review clinical content" are offered. Required when "Clinically reviewed on" is set; a team account cannot be a reviewer. Shown on the article as "Clinically reviewed by".',
      // A translation is new text: it is reviewed on its own, so a new translation starts unreviewed.
      options: { documentInternationalization: { exclude: true }, filter: reviewerFilter },
      validation: (rule) => [rule.custom(reviewerRule), rule.custom(reviewerMarkedRule).warning()],
    }),
    defineField({
      name: 'reviewedAt',
      title: 'Clinically reviewed on',
      type: 'date',
      group: 'people',
      description: `The date of the last clinical review. Articles are due again after ${rules.clinicalReviewIntervalMonths} months and then appear under "Due for clinical review".`,
      options: { documentInternationalization: { exclude: true } },
    }),
    defineField({
      name: 'seo',
      title: 'Search engines',
      type: 'seo',
      group: 'seo',
      description: 'Optional: a different title or description for search results, or keep the page out of them.',
    }),
    languageField,
  ],
  orderings: [{ title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] }],
  preview: {
    select: {
      title: 'title',
      author: 'author.name',
      date: 'publishedAt',
      media: 'mainImage',
      reviewedAt: 'reviewedAt',
      reviewer: 'reviewer.name',
    },
    prepare: ({ title, author, date, media, reviewedAt, reviewer }) => {
      const published = typeof date === 'string' ? date : undefined;
      const when =
        published && isScheduled(published, new Date()) ? scheduledLabel(published) : published && `Published ${centreDay(published)}`;
      return {
        title,
        subtitle: [when, author && `by ${author}`].filter(Boolean).join(' · '),
        // Shown in the detail layout, as in "Due for clinical review".
        description: reviewSummary(typeof reviewedAt === 'string' ? reviewedAt : undefined, reviewer || undefined),
        media,
      };
    },
  },
});
