/**
 * Scheduled publishing (`docs/content-model.md`, `publishedAt`): an article whose `publishedAt` is later than
 * the build's "now" is validated like any other but left off the site until a build after that time.
 * The Studio's "Scheduled for …" labels and the server's rebuild timer use the same rule.
 */
import { formatCentreDateTime } from './time-zone.ts';

/** True while an article's `publishedAt` is later than `now`. */
export function isScheduled(publishedAt: string | undefined, now: Date): boolean {
  if (!publishedAt) return false;
  const time = Date.parse(publishedAt);
  return Number.isFinite(time) && time > now.getTime();
}

/** The articles that are live at `now` and those still scheduled, soonest first. */
export function splitScheduled<T extends { publishedAt: string }>(articles: readonly T[], now: Date): { live: T[]; scheduled: T[] } {
  const live: T[] = [];
  const scheduled: T[] = [];
  for (const article of articles) (isScheduled(article.publishedAt, now) ? scheduled : live).push(article);
  scheduled.sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  return { live, scheduled };
}

/** One log line: how many articles wait and when the next is due; `undefined` when none waits. */
export function describeScheduled(scheduled: readonly { _id: string; publishedAt: string }[], now: Date): string | undefined {
  const next = scheduled[0];
  if (!next) return undefined;
  const count = scheduled.length === 1 ? '1 article is' : `${scheduled.length} articles are`;
  return (
    `${count} scheduled and left off the site (build time ${now.toISOString()}); ` +
    `the next, ${next._id}, is due ${new Date(next.publishedAt).toISOString()} (${formatCentreDateTime(next.publishedAt)}) ` +
    'and appears in the first build after that.'
  );
}

/** "Scheduled for Dec 1, 2026, 9:00 AM ET" in the centre's time zone, for the Studio. */
export function scheduledLabel(publishedAt: string): string {
  return `Scheduled for ${formatCentreDateTime(publishedAt)}`;
}

/**
 * The warning on "Published" when a draft moves a live article (published, with a `publishedAt` already
 * past) to a later time: publishing it takes the article off the site until then. `undefined` otherwise.
 */
export function rescheduleWarning(
  livePublishedAt: string | undefined,
  draftPublishedAt: string | undefined,
  now: Date,
): string | undefined {
  if (!livePublishedAt || isScheduled(livePublishedAt, now) || !draftPublishedAt || !isScheduled(draftPublishedAt, now)) return undefined;
  return `This article is on the site now. Publishing this date takes it off the site until ${formatCentreDateTime(draftPublishedAt)}; keep the past date to leave it up.`;
}
