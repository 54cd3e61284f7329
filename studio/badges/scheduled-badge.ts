import type { DocumentBadgeComponent, DocumentBadgeDescription } from 'sanity';
import { isScheduled, scheduledLabel } from '../../schemas/scheduling.ts';

/** "Scheduled for …" beside the status of an article whose `publishedAt` is in the future. */
export const ScheduledBadge: DocumentBadgeComponent = (props): DocumentBadgeDescription | null => {
  const publishedAt = (props.draft ?? props.published)?.['publishedAt'];
  if (typeof publishedAt !== 'string' || !isScheduled(publishedAt, new Date())) return null;
  return {
    label: scheduledLabel(publishedAt),
    title: 'Not on the site until the first rebuild after this time.',
    color: 'primary',
  };
};
ScheduledBadge.displayName = 'ScheduledBadge';
