import type { DocumentBadgeComponent, DocumentBadgeDescription } from 'sanity';
import { studioSettings } from '../settings.ts';
import { describeSiteStatus, useSiteStatus } from '../site-status.ts';

/** "On the site" or "Waiting for the site (last rebuild …)" beside the status of a published document. */
export const SiteStatusBadge: DocumentBadgeComponent = (props): DocumentBadgeDescription | null => {
  const status = useSiteStatus(studioSettings.siteUrl, props.published);
  if (!status) return null;
  const { label, title } = describeSiteStatus(status);
  if (status.kind === 'unknown') return { label, title };
  return { label, title, color: status.kind === 'on-site' ? 'success' : 'warning' };
};
SiteStatusBadge.displayName = 'SiteStatusBadge';
