import { describe, expect, it } from 'vitest';
import { documentTypes } from '../../schemas/rules.ts';
import { InvalidContentError, type RawDataset, validateDataset } from '../../schemas/validate-dataset.ts';
import { fixtureDocuments } from '../fixtures/fixture-dataset.ts';

type Doc = Record<string, unknown> & { _id: string; _type: string };

function raw(documents: Doc[]): RawDataset {
  const published = documents.filter((doc) => !doc._id.includes('.'));
  const dataset: Partial<RawDataset> = {};
  for (const type of documentTypes) dataset[type] = published.filter((doc) => doc._type === type);
  return dataset as RawDataset;
}

function problemsOf(documents: Doc[]): string[] {
  try {
    validateDataset(raw(documents), 'the test dataset');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidContentError);
    return (error as InvalidContentError).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  return [];
}

const fixture = () => fixtureDocuments() as Doc[];
const edit = (documents: Doc[], id: string, change: (doc: Doc) => void) => {
  const doc = documents.find((d) => d._id === id);
  if (!doc) throw new Error(`no ${id}`);
  change(doc);
  return documents;
};

describe('validating a dataset', () => {
  it('accepts the fixture dataset', () => {
    expect(problemsOf(fixture())).toEqual([]);
  });

  it('needs a reviewer for a review date, and never accepts a team account as reviewer', () => {
    const documents = fixture();
    edit(documents, 'staff-team', (doc) => {
      doc['isTeamAccount'] = true;
    });
    edit(documents, 'article-quiet-mornings', (doc) => {
      doc['reviewedAt'] = '2026-02-10';
    });
    expect(problemsOf(documents).sort()).toEqual([
      'article article-harbour-lights (reviewer): staff-team ("MCA Staff") is a team account; the clinical reviewer must be the person who reviewed it',
      'article article-quiet-mornings (reviewer): required when reviewedAt is set',
    ]);
  });

  it('limits slugs to 96 characters and list nesting to 6 levels, naming each document', () => {
    const documents = fixture();
    edit(documents, 'article-quiet-mornings', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'a'.repeat(300) };
    });
    edit(documents, 'staff-rowan-achterberg', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'r'.repeat(97) };
    });
    edit(documents, 'article-harbour-lights', (doc) => {
      const deep = { _type: 'block', _key: 'deep', style: 'normal', listItem: 'bullet', level: 2000, markDefs: [], children: [] };
      doc['body'] = [...(doc['body'] as unknown[]), deep];
    });
    const problems = problemsOf(documents);
    expect(problems).toContain('article article-quiet-mornings (slug.current): at most 96 characters');
    expect(problems).toContain('staffMember staff-rowan-achterberg (slug.current): at most 96 characters');
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^article article-harbour-lights \(body\[\d+\]\.level\): must be from 1 to 6/)]),
    );
    const edge = fixture();
    edit(edge, 'article-quiet-mornings', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'a'.repeat(96) };
    });
    expect(problemsOf(edge)).toEqual([]);
  });

  it('lists every problem at once, each with type, id, field path and reason', () => {
    const documents = fixture();
    edit(documents, 'article-quiet-mornings', (doc) => {
      delete doc['slug'];
      doc['excerpt'] = 'x'.repeat(301);
    });
    edit(documents, 'article-warning-signs', (doc) => {
      doc['publishedAt'] = 'last Tuesday';
      doc['body'] = [];
    });
    edit(documents, 'staff-rowan-achterberg', (doc) => {
      doc['email'] = 'not-an-email';
      (doc['photo'] as Record<string, unknown>)['alt'] = '';
    });
    edit(documents, 'topic-peer-support', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'Peer Support!' };
    });
    expect(problemsOf(documents).sort()).toEqual(
      [
        'article article-quiet-mornings (slug): required',
        'article article-quiet-mornings (excerpt): at most 300 characters',
        'article article-warning-signs (publishedAt): must be an ISO 8601 date and time',
        'article article-warning-signs (body): required',
        'staffMember staff-rowan-achterberg (photo.alt): required',
        'staffMember staff-rowan-achterberg (email): must be a valid email address',
        'topic topic-peer-support (slug.current): must use only lower-case letters, digits and hyphens',
      ].sort(),
    );
  });

  it('names the field inside rich text', () => {
    const documents = edit(fixture(), 'article-harbour-lights', (doc) => {
      const body = doc['body'] as Record<string, unknown>[];
      const image = body.find((block) => block['_type'] === 'image');
      if (image) delete image['alt'];
      const callout = body.find((block) => block['_type'] === 'callout');
      if (callout) callout['tone'] = 'loud';
    });
    expect(problemsOf(documents)).toEqual([
      'article article-harbour-lights (body[11].tone): must be "info" or "crisis"',
      'article article-harbour-lights (body[13].alt): required',
    ]);
  });

  it('reports duplicate slugs', () => {
    const documents = edit(fixture(), 'article-warning-signs', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'quiet-mornings' };
    });
    expect(problemsOf(documents)).toEqual([
      'article article-warning-signs (slug): "quiet-mornings" is already used by article article-quiet-mornings',
    ]);
  });

  it('reports references to missing, unpublished or wrong-type documents', () => {
    const documents = fixture();
    edit(documents, 'article-quiet-mornings', (doc) => {
      doc['author'] = { _type: 'reference', _ref: 'staff-nobody' };
    });
    edit(documents, 'article-warning-signs', (doc) => {
      doc['reviewer'] = { _type: 'reference', _ref: 'topic-peer-support' };
    });
    edit(documents, 'article-making-a-plan', (doc) => {
      doc['topics'] = [{ _type: 'reference', _ref: 'article-harbour-lights', _key: 'x' }];
    });
    edit(documents, 'article-harbour-lights', (doc) => {
      const block = (doc['body'] as { markDefs?: { _type: string; reference?: { _ref: string } }[] }[])[4];
      const link = block?.markDefs?.find((def) => def._type === 'internalLink');
      if (link?.reference) link.reference._ref = 'release-only';
    });
    expect(problemsOf(documents).sort()).toEqual(
      [
        'article article-quiet-mornings (author): refers to staff-nobody, which is missing or not published',
        'article article-warning-signs (reviewer): refers to topic topic-peer-support; expected staffMember',
        'article article-making-a-plan (topics[0]): refers to article article-harbour-lights; expected topic',
        'article article-harbour-lights (body[4].markDefs[1].reference): refers to release-only, which is missing or not published',
      ].sort(),
    );
  });

  it('treats a reference to a document that exists only as a draft as missing', () => {
    const documents = fixture();
    documents.push({ ...(documents.find((doc) => doc._id === 'staff-team') as Doc), _id: 'drafts.staff-new' });
    edit(documents, 'article-quiet-mornings', (doc) => {
      doc['author'] = { _type: 'reference', _ref: 'staff-new' };
    });
    expect(problemsOf(documents)).toEqual([
      'article article-quiet-mornings (author): refers to staff-new, which is missing or not published',
    ]);
  });

  it('requires the contact details singleton', () => {
    const documents = fixture().filter((doc) => doc._id !== 'contactDetails');
    expect(problemsOf(documents)).toEqual([
      'contactDetails contactDetails (document): required: create and publish the Contact details document',
    ]);
  });

  it('treats an image without a file as no image, but an image with a file needs alt text', () => {
    const documents = edit(fixture(), 'article-quiet-mornings', (doc) => {
      doc['mainImage'] = { _type: 'image' };
    });
    expect(problemsOf(documents)).toEqual([]);
  });

  it('names an undiallable contact phone, a link without https:// and a repeated crisis term, with the fix', () => {
    const documents = edit(fixture(), 'contactDetails', (doc) => {
      doc['phone'] = '555-01';
    });
    const article = documents.find((doc) => doc._type === 'article') as Doc;
    article['body'] = [
      {
        _key: 'b1',
        _type: 'block',
        style: 'normal',
        markDefs: [{ _key: 'l1', _type: 'link', href: 'www.samhsa.gov/find-help' }],
        children: [{ _key: 's1', _type: 'span', text: 'Find help', marks: ['l1'] }],
      },
    ];
    const settings: Doc = { _id: 'searchSettings', _type: 'searchSettings', crisisTerms: ['want to die', 'Want to die'] };
    expect(problemsOf([...documents, settings])).toEqual([
      `article ${article._id} (body[0].markDefs[0].href): "www.samhsa.gov/find-help" has no https:// in front, so it is not a link: write https://www.samhsa.gov/find-help`,
      'contactDetails contactDetails (phone): "555-01" is not a phone number that can be dialled: write the area code and number, e.g. (617) 555-0142 ext. 3',
      'searchSettings searchSettings (crisisTerms[1]): "Want to die" is listed twice (letter case does not count): remove one',
    ]);
  });

  it("rejects a previous slug that is another article's current slug", () => {
    const articles = fixture().filter((doc) => doc._type === 'article');
    const [first, second] = articles as [Doc, Doc];
    const taken = (second['slug'] as { current: string }).current;
    const documents = edit(fixture(), first._id, (doc) => {
      doc['previousSlugs'] = ['an-old-name', taken];
    });
    expect(problemsOf(documents)).toEqual([
      `article ${first._id} (previousSlugs[1]): "${taken}" is the current slug of article ${second._id}: its address cannot also redirect here`,
    ]);
  });

  it('reads the optional search settings, and names the group and field of each synonym problem', () => {
    const settings = (synonyms: string[][]): Doc => ({
      _id: 'searchSettings',
      _type: 'searchSettings',
      synonyms: synonyms.map((terms, index) => ({ _key: `g${index}`, _type: 'synonymGroup', terms })),
    });
    expect(
      problemsOf([
        ...fixture(),
        settings([
          ['rehab', 'treatment'],
          ['Narcan', 'naloxone'],
        ]),
      ]),
    ).toEqual([]);
    expect(problemsOf([...fixture(), settings([['rehab', 'Treatment'], [], ['detox'], ['treatment', 'therapy']])])).toEqual([
      'searchSettings searchSettings (synonyms[1].terms): add at least 2 terms that mean the same, or remove the empty group',
      'searchSettings searchSettings (synonyms[2].terms): this group needs at least 2 different terms',
      'searchSettings searchSettings (synonyms[3].terms): "treatment" is already in synonym group 1 (rehab, Treatment): a term may be in one group only',
    ]);
  });
});

describe('validating translations', () => {
  const group = (id: string, members: Array<[string, string]>, itemType = true): Doc => ({
    _id: id,
    _type: 'translation.metadata',
    schemaTypes: ['article'],
    translations: members.map(([language, ref]) => ({
      _key: language,
      ...(itemType ? { _type: 'internationalizedArrayReferenceValue' } : {}),
      value: { _type: 'reference', _ref: ref },
    })),
  });

  it('accepts a dataset with no language fields at all, as every export before translations', () => {
    const documents = fixture().filter((doc) => !('language' in doc) && doc._type !== 'translation.metadata');
    expect(problemsOf(documents)).toEqual([]);
    const dataset = validateDataset(raw(documents), 'the test dataset');
    expect(dataset.article.map((article) => article.language)).toEqual(dataset.article.map(() => undefined));
    expect(dataset['translation.metadata']).toEqual([]);
  });

  it('lists a language outside the list, a Spanish slug used twice, two of one language in a group and a document in two groups, at once', () => {
    const documents = fixture();
    edit(documents, 'article-warning-signs', (doc) => {
      doc['language'] = 'fr';
    });
    edit(documents, 'article-solo-en-espanol', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'luces-del-puerto' };
    });
    edit(documents, 'article-finding-a-group', (doc) => {
      doc['language'] = 'es';
    });
    documents.push(
      group(
        'group-two-spanish',
        [
          ['es', 'article-finding-a-group'],
          ['es', 'article-solo-en-espanol'],
        ],
        false,
      ),
    );
    documents.push(
      group('group-again', [
        ['en', 'article-harbour-lights'],
        ['es', 'article-making-a-plan-missing'],
      ]),
    );
    expect(problemsOf(documents).sort()).toEqual(
      [
        'article article-warning-signs (language): must be one of "en", "es"',
        'article article-solo-en-espanol (slug): "luces-del-puerto" is already used by article article-harbour-lights-es',
        'translation.metadata group-two-spanish (translations[1]): two es documents in one translation group: article article-finding-a-group and article article-solo-en-espanol',
        'article article-harbour-lights (translation): is in two translation groups: translation.metadata 8d0f4f4e-7a8b-4d4c-9c61-1f1f0d6f0a01 and group-again',
      ].sort(),
    );
  });

  it('lets an English and a Spanish document share a slug', () => {
    const documents = edit(fixture(), 'article-solo-en-espanol', (doc) => {
      doc['slug'] = { _type: 'slug', current: 'harbour-lights' };
    });
    expect(problemsOf(documents)).toEqual([]);
  });

  it('ignores a group member that is not published, such as a translation that is only a draft', () => {
    const documents = fixture();
    expect(documents.some((doc) => doc._id === 'drafts.article-quiet-mornings-es')).toBe(true);
    documents.push(
      group('group-missing', [
        ['en', 'article-warning-signs'],
        ['es', 'article-never-written'],
      ]),
    );
    expect(problemsOf(documents)).toEqual([]);
  });
});
