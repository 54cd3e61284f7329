import { LaunchIcon } from '@sanity/icons/Launch';
import type { DocumentActionComponent, DocumentActionDescription, DocumentActionProps } from 'sanity';
import { studioSettings } from '../settings.ts';
import { type SiteStatus, useSiteStatus } from '../site-status.ts';
import { siteUrlFor } from '../site-url.ts';

/** What the "Open on site" button shows for a document: a link once the site shows it, or why there is none. */
export function describeOpenOnSite(
  siteUrl: string | undefined,
  props: Pick<DocumentActionProps, 'draft' | 'published'>,
  status?: SiteStatus | undefined,
): { url: string; title: string } | { url: undefined; title: string } {
  if (!siteUrl) {
    return { url: undefined, title: 'The site address is not configured: set SANITY_STUDIO_SITE_URL and build the Studio again.' };
  }
  if (!props.published) {
    return { url: undefined, title: 'Not on the site yet: the site shows published documents only. Publish first.' };
  }
  const url = siteUrlFor(siteUrl, props.published);
  if (!url) return { url: undefined, title: 'The published version has no URL slug.' };
  if (status?.kind === 'waiting') return { url: undefined, title: 'Not on the site yet: it is being rebuilt with this version.' };
  const pending = props.draft ? ' Unpublished changes appear after you publish and the site is rebuilt.' : '';
  return { url, title: `Opens ${url} in a new tab.${pending}` };
}

/** A document action that opens the published page of an article or staff member on the site. */
export const OpenOnSiteAction: DocumentActionComponent = (props): DocumentActionDescription => {
  const status = useSiteStatus(studioSettings.siteUrl, props.published);
  const { url, title } = describeOpenOnSite(studioSettings.siteUrl, props, status);
  return {
    label: 'Open on site',
    icon: LaunchIcon,
    title,
    disabled: url === undefined,
    onHandle: () => {
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
    },
  };
};
OpenOnSiteAction.displayName = 'OpenOnSite';
