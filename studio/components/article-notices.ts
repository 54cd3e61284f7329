import { Card, Stack, Text } from '@sanity/ui';
import { createElement, type ReactNode } from 'react';
import { getPublishedId, type InputProps, useEditState } from 'sanity';
import { reviewDueNotice } from '../../schemas/clinical-review.ts';
import { isScheduled, rescheduleWarning, scheduledLabel } from '../../schemas/scheduling.ts';
import { withRequiredTitle } from './required-field.ts';

/** A notice at the top of an open document. */
export interface DocumentNotice {
  /** `caution` for something to act on, `primary` for information. */
  tone: 'caution' | 'primary';
  text: string;
}

interface ArticleFields {
  title?: string;
  body?: unknown[];
  publishedAt?: string;
  reviewedAt?: string;
}

/** True once an editor has written something a clinician could review: a title or any body text. */
function hasContent(article: ArticleFields): boolean {
  return Boolean(article.title?.trim()) || (Array.isArray(article.body) && article.body.length > 0);
}

/**
 * What an open article (`article`, the form's value) says about itself on `now`: scheduled, taken off the
 * site by a new date, and due for clinical review. Review follows `live`, the published version, when there
 * is one: a review date typed into a draft counts once it is published. A blank new article says nothing:
 * "not clinically reviewed" only helps once there is something to review.
 */
export function articleNotices(article: ArticleFields | undefined, live: ArticleFields | null | undefined, now: Date): DocumentNotice[] {
  if (!article) return [];
  const notices: DocumentNotice[] = [];
  const offTheSite = rescheduleWarning(live?.publishedAt, article.publishedAt, now);
  if (offTheSite) notices.push({ tone: 'caution', text: offTheSite });
  else if (article.publishedAt && isScheduled(article.publishedAt, now)) {
    notices.push({
      tone: 'primary',
      text: `${scheduledLabel(article.publishedAt)}. After publishing it stays off the site until the first rebuild after that time (within the hour).`,
    });
  }
  const reviewed = live ?? article;
  const review = hasContent(article) ? reviewDueNotice(reviewed.reviewedAt, now) : undefined;
  if (review) {
    const pending = live && article.reviewedAt !== live.reviewedAt ? ' The review date in this draft counts once you publish it.' : '';
    notices.push({ tone: 'caution', text: `${review}${pending}` });
  }
  return notices;
}

/** The notices of an open article, against its published version. */
function ArticleNotices(props: { value: ArticleFields & { _id?: string }; form: ReactNode }) {
  const { published } = useEditState(getPublishedId(props.value._id ?? ''), 'article');
  const notices = articleNotices(props.value, published as ArticleFields | null, new Date());
  if (notices.length === 0) return props.form;
  const cards = notices.map((notice) =>
    createElement(
      Card,
      { key: notice.text, tone: notice.tone, padding: 3, radius: 2, border: true, role: notice.tone === 'caution' ? 'alert' : 'status' },
      createElement(Text, { size: 1 }, notice.text),
    ),
  );
  return createElement(Stack, { gap: 4 }, ...cards, props.form);
}

/**
 * Every input of the form (a required datetime marked as such), and the form of an article with its notices
 * above it. Sanity 6 has no public API for document banners, so the notices are drawn by the document's
 * root input, above the default form.
 */
export function DocumentNotices(props: InputProps) {
  const form = props.renderDefault(withRequiredTitle(props));
  if (props.id !== 'root' || props.schemaType.name !== 'article' || !props.value) return form;
  return createElement(ArticleNotices, { value: props.value as ArticleFields, form });
}
