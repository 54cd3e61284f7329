import { type DocumentActionComponent, type SanityDocument, useDocumentOperation } from 'sanity';

type Slugged = Partial<Pick<SanityDocument, '_id'>> & { slug?: { current?: unknown } | null; previousSlugs?: unknown };

const slugOf = (doc: Slugged | null | undefined) => (typeof doc?.slug?.current === 'string' ? doc.slug.current : undefined);

/**
 * The `previousSlugs` a draft gets when it is published (`docs/content-model.md`, `previousSlugs`): the
 * published slug is added when the draft changes it, and the draft's own slug is dropped (an editor who
 * goes back to an old slug makes it current again). `undefined` when nothing changes.
 */
export function previousSlugsOnPublish(published: Slugged | null | undefined, draft: Slugged | null | undefined): string[] | undefined {
  const before = slugOf(published);
  const after = slugOf(draft);
  if (!draft || !before || !after || before === after) return undefined;
  const kept = (Array.isArray(draft.previousSlugs) ? draft.previousSlugs : []).filter(
    (slug): slug is string => typeof slug === 'string' && slug !== after && slug !== before,
  );
  return [...kept, before];
}

const wrapped = new WeakMap<DocumentActionComponent, DocumentActionComponent>();

/**
 * Wraps the Publish action of articles: when the draft changes a published article's slug, the old slug is
 * recorded in `previousSlugs` in the same publish, so the old address keeps working.
 */
export function recordPreviousSlugs(publish: DocumentActionComponent): DocumentActionComponent {
  const known = wrapped.get(publish);
  if (known) return known;
  // Sanity extends a built-in action by wrapping the component it is given (it exports no Publish action);
  // the WeakMap keeps one wrapper per original, so React sees the same component on every render.
  // biome-ignore lint/correctness/noComponentHookFactories: see above.
  const Action: DocumentActionComponent = (props) => {
    const { patch } = useDocumentOperation(props.id, props.type);
    const description = publish(props);
    if (!description) return description;
    return {
      ...description,
      onHandle: () => {
        const previousSlugs = previousSlugsOnPublish(props.published, props.draft);
        if (previousSlugs) patch.execute([{ set: { previousSlugs } }]);
        description.onHandle?.();
      },
    };
  };
  if (publish.action) Action.action = publish.action;
  Action.displayName = 'PublishRecordingPreviousSlugs';
  wrapped.set(publish, Action);
  return Action;
}
