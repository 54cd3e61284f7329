import { describe, expect, it } from 'vitest';
import { builtInCrisisTerms, crisisTermsIn, queryUnits, typoPrefixes } from '../../site/client/search/query.ts';

describe('crisis terms in a query', () => {
  it('match whole words in any letter case, with hyphens read as spaces', () => {
    expect(crisisTermsIn('I want to KILL MYSELF', builtInCrisisTerms)).toEqual(['kill myself']);
    expect(crisisTermsIn('self harm help', builtInCrisisTerms)).toEqual(['self-harm']);
    expect(crisisTermsIn('call 988?', builtInCrisisTerms)).toEqual(['988']);
  });

  it('do not match inside other words or numbers', () => {
    expect(crisisTermsIn('emergencies overdosage 19880 killing', builtInCrisisTerms)).toEqual([]);
  });
});

describe('query units', () => {
  const synonyms = [
    ['aa', 'alcoholics anonymous', '12-step'],
    ['loved one', 'son'],
  ];

  it('take the longest synonym phrase first and mark common words', () => {
    expect(queryUnits('What happens at Alcoholics Anonymous 12-step meetings', synonyms)).toEqual([
      { text: 'what', stopword: true },
      { text: 'happens', stopword: false },
      { text: 'at', stopword: true },
      { text: 'alcoholics anonymous', synonyms: synonyms[0], stopword: false },
      { text: '12 step', synonyms: synonyms[0], stopword: false },
      { text: 'meetings', stopword: false },
    ]);
  });
});

describe('typo stems', () => {
  it('shorten a long word down to four letters, and leave short words alone', () => {
    expect(typoPrefixes('cravigns')).toEqual(['cravig', 'cravi', 'crav']);
    expect(typoPrefixes('detox')).toEqual([]);
  });
});
