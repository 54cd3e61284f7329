import { describe, expect, it } from 'vitest';
import { builtInCrisisTerms, builtInOverdoseTerms, crisisTermsIn, queryUnits, typoPrefixes } from '../../site/client/search/query.ts';

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

describe('overdose terms', () => {
  it('are crisis terms too, and match everyday wording in any case, with or without apostrophes', () => {
    for (const term of builtInOverdoseTerms) expect(builtInCrisisTerms).toContain(term);
    for (const query of [
      'Narcan',
      'where to get naloxone',
      'i think he OD',
      'i think she OD’d',
      'my friend is overdosing',
      'she overdosed last night',
      'took too many pills',
      'I took too many of my pills',
      'my son is not breathing',
      'he isn’t breathing',
      'she isnt breathing',
      'he won’t wake up',
    ]) {
      expect(crisisTermsIn(query, builtInOverdoseTerms), query).not.toEqual([]);
    }
  });

  it('match what a Spanish speaker types in an overdose, accents or not', () => {
    for (const query of [
      'sobredosis',
      'dónde consigo naloxona',
      'Narcan gratis',
      'mi hijo no respira',
      'tomó demasiadas pastillas',
      'tomo demasiadas pastillas',
      'mi amiga no se despierta',
      'tiene los labios azules',
    ]) {
      expect(crisisTermsIn(query, builtInOverdoseTerms), query).not.toEqual([]);
    }
    for (const query of ['respiración consciente', 'pastillas para dormir', 'despertar temprano']) {
      expect(crisisTermsIn(query, builtInOverdoseTerms), query).toEqual([]);
    }
  });

  it('do not match inside other words or in ordinary questions', () => {
    for (const query of ['overdosage', 'odd feelings', 'nasal spray cost', 'breathing exercises', 'too many meetings']) {
      expect(crisisTermsIn(query, builtInOverdoseTerms), query).toEqual([]);
    }
  });
});
