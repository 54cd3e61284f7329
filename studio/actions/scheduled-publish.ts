import { useToast } from '@sanity/ui/toast';
import { type DocumentActionComponent, getPublishedId, type SanityDocument, useClient, useSyncState } from 'sanity';
import { isScheduled, scheduledLabel } from '../../schemas/scheduling.ts';
import { defaultApiVersion } from '../../schemas/settings.ts';
import { previousSlugsOnPublish } from './previous-slugs.ts';

type Draft = Partial<Pick<SanityDocument, '_id' | '_rev'>> & { title?: unknown; publishedAt?: unknown };

/** The `publishedAt` of a draft that waits for a later time, or `undefined` when publishing puts it on the site now. */
export function scheduledPublishAt(draft: Draft | null | undefined, now: Date): string | undefined {
  const publishedAt = draft?.publishedAt;
  return typeof publishedAt === 'string' && isScheduled(publishedAt, now) ? publishedAt : undefined;
}

/** What an editor reads after publishing an article that waits for its time. */
export function scheduledPublishToast(publishedAt: string, title: unknown): { title: string; description: string } {
  const what = typeof title === 'string' && title.trim() ? `"${title.trim()}"` : 'The article';
  return {
    title: scheduledLabel(publishedAt),
    description: `${what} is saved and stays off the site until the first rebuild after that time (within the hour).`,
  };
}

const wrapped = new WeakMap<DocumentActionComponent, DocumentActionComponent>();

/**
 * Wraps the Publish action of articles. Sanity ends every publish with "<title> was published", which an
 * editor reads as "on the site"; an article whose time is still to come is published here instead, through
 * the same Actions API call, and the Studio says "Scheduled for …". Anything else (no draft yet saved,
 * edits still saving, a changed slug to record) goes through Sanity's own Publish.
 */
export function announceScheduled(publish: DocumentActionComponent): DocumentActionComponent {
  const known = wrapped.get(publish);
  if (known) return known;
  // biome-ignore lint/correctness/noComponentHookFactories: one wrapper per original, as in previous-slugs.ts.
  const Action: DocumentActionComponent = (props) => {
    const client = useClient({ apiVersion: defaultApiVersion });
    const toast = useToast();
    const { isSyncing } = useSyncState(props.id, props.type);
    const description = publish(props);
    if (!description) return description;
    const draft = props.draft as Draft | null;
    const publishedAt = scheduledPublishAt(draft, new Date());
    if (!publishedAt || !draft?._id || isSyncing || previousSlugsOnPublish(props.published, props.draft)) return description;
    return {
      ...description,
      onHandle: () => {
        client
          .action({
            actionType: 'sanity.action.document.publish',
            draftId: draft._id as string,
            publishedId: getPublishedId(props.id),
            ...(props.published?._rev ? { ifPublishedRevisionId: props.published._rev } : {}),
          })
          .then(
            () => toast.push({ status: 'success', closable: true, ...scheduledPublishToast(publishedAt, draft.title) }),
            (error: unknown) =>
              toast.push({ status: 'error', closable: true, title: 'Could not publish', description: (error as Error).message }),
          );
      },
    };
  };
  if (publish.action) Action.action = publish.action;
  Action.displayName = 'PublishAnnouncingSchedule';
  wrapped.set(publish, Action);
  return Action;
}
