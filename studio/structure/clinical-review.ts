/** Articles are due for clinical review when they were never reviewed or last reviewed this long ago. */
export const clinicalReviewIntervalMonths = 12;

/**
 * The `reviewedAt` date (`YYYY-MM-DD`) before which an article is due for review on `today`: the same
 * day `clinicalReviewIntervalMonths` earlier, in UTC. A review exactly that long ago is not yet due.
 */
export function clinicalReviewCutoff(today: Date): string {
  const cutoff = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - clinicalReviewIntervalMonths, today.getUTCDate()),
  );
  return cutoff.toISOString().slice(0, 10);
}

/** GROQ filter for the "Due for clinical review" list; `$cutoff` is `clinicalReviewCutoff(today)`. */
export const dueForReviewFilter = '_type == "article" && (!defined(reviewedAt) || reviewedAt < $cutoff)';
