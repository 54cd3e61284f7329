/** Clinical review as a workflow: when an article is due, and what the Studio's list and warning say. */
import { rules } from './rules.ts';

const { clinicalReviewIntervalMonths } = rules;

/**
 * The `reviewedAt` date (`YYYY-MM-DD`) before which an article is due for review on `today`: the same
 * day `rules.clinicalReviewIntervalMonths` earlier, in UTC. A review exactly that long ago is not yet due.
 */
export function clinicalReviewCutoff(today: Date): string {
  const cutoff = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - clinicalReviewIntervalMonths, today.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

/** GROQ filter for the "Due for clinical review" list; `$cutoff` is `clinicalReviewCutoff(today)`. */
export const dueForReviewFilter = '_type == "article" && (!defined(reviewedAt) || reviewedAt < $cutoff)';

/**
 * The published articles due for review: the list is built on their ids, so a review date typed into a
 * draft (valid or not) changes nothing until it is published.
 */
export const dueForReviewIdsQuery = `*[${dueForReviewFilter} && _id in path("*")]._id`;

/** The most urgent first: never reviewed (oldest publication first), then the oldest review. */
export const dueForReviewOrdering = [
  { field: 'reviewedAt', direction: 'asc' as const, nulls: 'first' as const },
  { field: 'publishedAt', direction: 'asc' as const },
];

/** True when an article with this `reviewedAt` is due for clinical review on `today`. */
export function isDueForReview(reviewedAt: string | undefined, today: Date): boolean {
  return !reviewedAt || reviewedAt < clinicalReviewCutoff(today);
}

/**
 * How long past due a review is on `today` ("overdue by 3 months", "overdue by 1 day"), counted from the
 * day it fell due; `undefined` when it is not due or was never reviewed.
 */
export function overdueBy(reviewedAt: string | undefined, today: Date): string | undefined {
  if (!reviewedAt || !isDueForReview(reviewedAt, today)) return undefined;
  const [year, month, day] = reviewedAt.split('-').map(Number) as [number, number, number];
  const due = Date.UTC(year, month - 1 + clinicalReviewIntervalMonths, day);
  let months = (today.getUTCFullYear() - year) * 12 + today.getUTCMonth() - (month - 1) - clinicalReviewIntervalMonths;
  if (today.getUTCDate() < day) months--;
  if (months >= 1) return `overdue by ${months} ${months === 1 ? 'month' : 'months'}`;
  const days = Math.max(1, Math.floor((today.getTime() - due) / 86_400_000));
  return `overdue by ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * "Last reviewed 2025-03-01 by Dana Whitfield · overdue by 8 months", or "Never clinically reviewed", for
 * list rows.
 */
export function reviewSummary(reviewedAt: string | undefined, reviewerName: string | undefined, today = new Date()): string {
  if (!reviewedAt) return 'Never clinically reviewed';
  const overdue = overdueBy(reviewedAt, today);
  return `Last reviewed ${reviewedAt} by ${reviewerName ?? '(no reviewer set)'}${overdue ? ` · ${overdue}` : ''}`;
}

/** The warning an open article shows when it is due for review on `today`, or `undefined`. */
export function reviewDueNotice(reviewedAt: string | undefined, today: Date): string | undefined {
  if (!isDueForReview(reviewedAt, today)) return undefined;
  const what = reviewedAt
    ? `Clinical review ${overdueBy(reviewedAt, today)}: last reviewed on ${reviewedAt}, more than ${clinicalReviewIntervalMonths} months ago.`
    : 'Not clinically reviewed yet.';
  return `${what} Have a clinician check it, then set "Clinically reviewed on" and "Clinically reviewed by".`;
}

export { clinicalReviewIntervalMonths };
