import { Card, Stack, Text } from '@sanity/ui';
import { createElement } from 'react';
import type { InputProps } from 'sanity';
import { reviewDueNotice } from '../../schemas/clinical-review.ts';
import { isScheduled, scheduledLabel } from '../../schemas/scheduling.ts';

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
 * What an open article says about itself on `now`: scheduled, and due for clinical review. A blank new
 * article says nothing: "not clinically reviewed" only helps once there is something to review.
 */
export function articleNotices(article: ArticleFields | undefined, now: Date): DocumentNotice[] {
  if (!article) return [];
  const notices: DocumentNotice[] = [];
  if (article.publishedAt && isScheduled(article.publishedAt, now)) {
    notices.push({
      tone: 'primary',
      text: `${scheduledLabel(article.publishedAt)}. After publishing it stays off the site until the first rebuild after that time (within the hour).`,
    });
  }
  const review = hasContent(article) ? reviewDueNotice(article.reviewedAt, now) : undefined;
  if (review) notices.push({ tone: 'caution', text: review });
  return notices;
}

/**
 * The form of a document, with an article's notices above it. Sanity 6 has no public API for document
 * banners, so the notices are drawn by the document's root input, above the default form.
 */
export function DocumentNotices(props: InputProps) {
  const form = props.renderDefault(props);
  if (props.id !== 'root' || props.schemaType.name !== 'article') return form;
  const notices = articleNotices(props.value as ArticleFields | undefined, new Date());
  if (notices.length === 0) return form;
  const cards = notices.map((notice) =>
    createElement(
      Card,
      { key: notice.text, tone: notice.tone, padding: 3, radius: 2, border: true, role: notice.tone === 'caution' ? 'alert' : 'status' },
      createElement(Text, { size: 1 }, notice.text),
    ),
  );
  return createElement(Stack, { gap: 4 }, ...cards, form);
}
