/**
 * The relevance set of the search page: everyday queries, as visitors type them (typos included),
 * each with the page of the sample site that answers it. `expected: null` marks a query the sample
 * site has no page for; the search page must still offer a way on (topics, articles, the phone).
 */
export interface RelevanceQuery {
  query: string;
  expected: string | null;
}

export const relevanceQueries: readonly RelevanceQuery[] = [
  { query: 'how much does rehab cost', expected: '/articles/paying-for-treatment/' },
  { query: 'can i afford rehab', expected: '/articles/paying-for-treatment/' },
  { query: 'does insurance pay for treatment', expected: '/articles/paying-for-treatment/' },
  { query: 'insurence', expected: '/articles/paying-for-treatment/' },
  { query: 'my son drinks too much', expected: '/articles/supporting-a-loved-one/' },
  { query: 'my husband is an addict', expected: '/articles/supporting-a-loved-one/' },
  { query: 'setting boundaries with someone who uses', expected: '/articles/supporting-a-loved-one/' },
  { query: 'AA meeting', expected: '/articles/what-to-expect-at-a-12-step-meeting/' },
  { query: 'what happens at alcoholics anonymous', expected: '/articles/what-to-expect-at-a-12-step-meeting/' },
  { query: 'do i have to talk at my first meeting', expected: '/articles/what-to-expect-at-a-12-step-meeting/' },
  { query: 'alternatives to AA that are not religious', expected: '/articles/secular-mutual-aid-groups/' },
  { query: 'smart recovery', expected: '/articles/secular-mutual-aid-groups/' },
  { query: 'detox', expected: '/articles/first-week-of-treatment/' },
  { query: 'what to bring to rehab', expected: '/articles/first-week-of-treatment/' },
  { query: 'alcohol withdrawal', expected: '/articles/first-week-of-treatment/' },
  { query: 'cravings', expected: '/articles/coping-with-cravings/' },
  { query: 'how to stop cravings', expected: '/articles/coping-with-cravings/' },
  { query: 'cravigns', expected: '/articles/coping-with-cravings/' },
  { query: 'relapse plan', expected: '/articles/building-a-relapse-prevention-plan/' },
  { query: 'warning signs of relapse', expected: '/articles/building-a-relapse-prevention-plan/' },
  { query: 'cbt', expected: '/articles/cbt-in-group-therapy/' },
  { query: 'meditation for addiction', expected: '/articles/mindfulness-in-recovery/' },
  { query: 'mindfullness', expected: '/articles/mindfulness-in-recovery/' },
  { query: 'IOP', expected: '/articles/aftercare-and-outpatient-programs/' },
  { query: 'what happens after rehab', expected: '/articles/aftercare-and-outpatient-programs/' },
  { query: 'how to pick a rehab', expected: '/articles/choosing-a-treatment-program/' },
  { query: 'suboxone', expected: '/articles/choosing-a-treatment-program/' },
  { query: 'making sober friends', expected: '/articles/building-a-sober-social-network/' },
  { query: 'group therapy', expected: '/articles/peer-support-group-therapy/' },
  { query: 'overdose', expected: '/articles/coping-with-cravings/' },
  { query: 'psychiatric nurse', expected: '/staff/priya-raman/' },
  { query: 'narcan', expected: null },
] as const;
