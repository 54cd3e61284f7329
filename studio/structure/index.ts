import { CalendarIcon } from '@sanity/icons/Calendar';
import { DocumentsIcon } from '@sanity/icons/Documents';
import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { EnvelopeIcon } from '@sanity/icons/Envelope';
import { SearchIcon } from '@sanity/icons/Search';
import { TagIcon } from '@sanity/icons/Tag';
import { TagsIcon } from '@sanity/icons/Tags';
import { UsersIcon } from '@sanity/icons/Users';
import type { StructureResolver } from 'sanity/structure';
import { clinicalReviewCutoff, clinicalReviewIntervalMonths, dueForReviewFilter, dueForReviewOrdering } from '../../schemas/clinical-review.ts';
import { contactDetailsId, searchSettingsId } from '../../schemas/rules.ts';

const newestFirst = [{ field: 'publishedAt', direction: 'desc' as const }];

/** Staff as the site's directory lists them: by `order`, then by name. */
export const directoryOrder = [
  { field: 'order', direction: 'asc' as const },
  { field: 'name', direction: 'asc' as const },
];

/**
 * The Studio's navigation: the contact details and search settings singletons first, then articles (all, by topic, due for
 * clinical review), staff in directory order and topics.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .title('Contact details')
        .id(contactDetailsId)
        .icon(EnvelopeIcon)
        .child(S.document().schemaType('contactDetails').documentId(contactDetailsId).title('Contact details')),
      S.listItem()
        .title('Search settings')
        .id(searchSettingsId)
        .icon(SearchIcon)
        .child(S.document().schemaType('searchSettings').documentId(searchSettingsId).title('Search settings')),
      S.divider(),
      S.listItem()
        .title('Articles')
        .id('articles')
        .icon(DocumentsIcon)
        .child(
          S.list()
            .title('Articles')
            .items([
              S.listItem()
                .title('All articles')
                .id('all')
                .icon(DocumentTextIcon)
                .schemaType('article')
                .child(S.documentTypeList('article').title('All articles').defaultOrdering(newestFirst)),
              S.listItem()
                .title('By topic')
                .id('by-topic')
                .icon(TagsIcon)
                .child(
                  S.documentTypeList('topic')
                    .title('Articles by topic')
                    .child((topicId) =>
                      S.documentList()
                        .title('Articles')
                        .schemaType('article')
                        .filter('_type == "article" && $topicId in topics[]._ref')
                        .params({ topicId })
                        .defaultOrdering(newestFirst),
                    ),
                ),
              S.listItem()
                .title('Due for clinical review')
                .id('due-for-review')
                .icon(CalendarIcon)
                .child(() =>
                  // A function, so the cut-off date is worked out each time the list opens.
                  S.documentList()
                    .id('due-for-review')
                    .title(`Not reviewed in the last ${clinicalReviewIntervalMonths} months`)
                    .schemaType('article')
                    .filter(dueForReviewFilter)
                    .params({ cutoff: clinicalReviewCutoff(new Date()) })
                    .defaultOrdering(dueForReviewOrdering)
                    // The detail layout shows each row's last review date and reviewer.
                    .defaultLayout('detail'),
                ),
            ]),
        ),
      S.listItem()
        .title('Staff')
        .id('staff')
        .icon(UsersIcon)
        .schemaType('staffMember')
        .child(S.documentTypeList('staffMember').title('Staff (directory order)').defaultOrdering(directoryOrder)),
      S.listItem()
        .title('Topics')
        .id('topics')
        .icon(TagIcon)
        .schemaType('topic')
        .child(S.documentTypeList('topic').title('Topics').defaultOrdering([{ field: 'title', direction: 'asc' }])),
    ]);
