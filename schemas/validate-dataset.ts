import type * as z from 'zod';
import { contactDetailsId, type DocumentType, documentTypes, portableTextModel } from './rules.ts';
import { FriendlyError } from './friendly-error.ts';
import { defaultLanguage } from './languages.ts';
import { joinTranslations, type TranslatableDocument, type TranslationGroupLike } from './translations.ts';
import {
  type Article,
  type ContactDetails,
  documentSchemas,
  type LanguageAssistance,
  referenceTargetsOf,
  type SearchSettings,
  type StaffMember,
  type Topic,
  type TranslationMetadata,
} from './zod/index.ts';

/** One thing wrong with one document. */
export interface ContentProblem {
  id: string;
  type: string;
  /** The field path, e.g. `body[2].alt`. */
  path: string;
  reason: string;
}

/** `article a1b2 (slug): required`, the format of `docs/content-model.md`. */
export function formatProblem(problem: ContentProblem): string {
  return `${problem.type} ${problem.id} (${problem.path}): ${problem.reason}`;
}

/** Every problem found in a dataset, listed at once. */
export class InvalidContentError extends FriendlyError {
  override name = 'InvalidContentError';
  readonly problems: readonly ContentProblem[];
  constructor(problems: readonly ContentProblem[], source: string) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `Invalid content in ${source}: ${count}. Fix ${problems.length === 1 ? 'it' : 'them'} in the Studio and publish again.\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.problems = problems;
  }
}

/** The published content of a build, validated. */
export interface Dataset {
  article: Article[];
  staffMember: StaffMember[];
  topic: Topic[];
  contactDetails: ContactDetails[];
  /** Empty or one document: the search settings are optional. */
  searchSettings: SearchSettings[];
  /** Empty or one document: the language-assistance notices are optional. */
  languageAssistance: LanguageAssistance[];
  /** The translation groups. */
  'translation.metadata': TranslationMetadata[];
}

export type RawDataset = Record<DocumentType, readonly unknown[]>;

/** `body[2].markDefs[0].href` from zod's `['body', 2, 'markDefs', 0, 'href']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((out, key) => {
      if (typeof key === 'number') return `${out}[${key}]`;
      return out === '' ? String(key) : `${out}.${String(key)}`;
    }, '') || 'document'
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)) return 'required';
  if (issue.code === 'invalid_type') return `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  if (issue.code === 'too_small' && issue.origin === 'array' && issue.message.startsWith('Too small'))
    return `at least ${issue.minimum} required`;
  if (issue.code === 'invalid_value' && issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])}`;
  return issue.message;
}

function idOf(raw: unknown): string {
  const id = (raw as { _id?: unknown } | null)?._id;
  return typeof id === 'string' && id !== '' ? id : '(no _id)';
}

interface FoundReference {
  path: PropertyKey[];
  ref: string;
  targets: readonly string[];
}

/** Collects the references in a document: top-level reference fields and internal links in rich text. */
function findReferences(type: DocumentType, doc: Record<string, unknown>): FoundReference[] {
  const found: FoundReference[] = [];
  const shape = documentSchemas[type].shape as Record<string, z.ZodType>;
  for (const [field, fieldSchema] of Object.entries(shape)) {
    const value = doc[field];
    const targets = referenceTargetsOf(fieldSchema);
    if (targets && value !== undefined) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((item: { _ref?: unknown } | null, index) => {
        if (typeof item?._ref !== 'string') return;
        found.push({ path: Array.isArray(value) ? [field, index] : [field], ref: item._ref, targets });
      });
    }
    if (Array.isArray(value)) {
      value.forEach((block: { markDefs?: unknown }, blockIndex) => {
        if (!Array.isArray(block?.markDefs)) return;
        block.markDefs.forEach((def: { _type?: string; reference?: { _ref?: unknown } } | null, defIndex) => {
          if (def?._type === 'internalLink' && typeof def.reference?._ref === 'string') {
            found.push({
              path: [field, blockIndex, 'markDefs', defIndex, 'reference'],
              ref: def.reference._ref,
              targets: portableTextModel.internalLinkTargets,
            });
          }
        });
      });
    }
  }
  return found;
}

/**
 * The clinical review rules (`docs/content-model.md`, `reviewedAt`): a review date needs a reviewer, and the
 * reviewer is a person, never a team account (`isTeamAccount`). Checked on every article, valid or not.
 */
function clinicalReviewProblems(raw: RawDataset): ContentProblem[] {
  const teamAccounts = new Map<string, string>();
  for (const member of raw.staffMember as Array<{ isTeamAccount?: unknown; name?: unknown } | null>) {
    if (member?.isTeamAccount === true) teamAccounts.set(idOf(member), typeof member.name === 'string' ? member.name : idOf(member));
  }
  const problems: ContentProblem[] = [];
  for (const doc of raw.article as Array<{ reviewedAt?: unknown; reviewer?: { _ref?: unknown } | null } | null>) {
    if (!doc || typeof doc !== 'object') continue;
    const reviewer = typeof doc.reviewer?._ref === 'string' ? doc.reviewer._ref : undefined;
    if (doc.reviewedAt != null && doc.reviewedAt !== '' && !reviewer) {
      problems.push({ id: idOf(doc), type: 'article', path: 'reviewer', reason: 'required when reviewedAt is set' });
    }
    const team = reviewer ? teamAccounts.get(reviewer) : undefined;
    if (reviewer && team) {
      problems.push({
        id: idOf(doc),
        type: 'article',
        path: 'reviewer',
        reason: `${reviewer} ("${team}") is a team account; the clinical reviewer must be the person who reviewed it`,
      });
    }
  }
  return problems;
}

/**
 * An article's previous slug may not be another article's current slug in the same language
 * (`docs/content-model.md`, `previousSlugs`): its old URL is that article's page, not a redirect.
 */
function previousSlugProblems(raw: RawDataset): ContentProblem[] {
  type Slugged = { slug?: { current?: unknown }; previousSlugs?: unknown; language?: unknown } | null;
  const languageOf = (doc: Slugged) => (typeof doc?.language === 'string' ? doc.language : defaultLanguage);
  const current = new Map<string, string>();
  for (const doc of raw.article as Slugged[]) {
    if (typeof doc?.slug?.current === 'string') current.set(`${languageOf(doc)} ${doc.slug.current}`, idOf(doc));
  }
  const problems: ContentProblem[] = [];
  for (const doc of raw.article as Slugged[]) {
    if (!Array.isArray(doc?.previousSlugs)) continue;
    doc.previousSlugs.forEach((slug: unknown, index) => {
      const owner = typeof slug === 'string' ? current.get(`${languageOf(doc)} ${slug}`) : undefined;
      if (owner && owner !== idOf(doc)) {
        problems.push({
          id: idOf(doc),
          type: 'article',
          path: `previousSlugs[${index}]`,
          reason: `"${slug}" is the current slug of article ${owner}: its address cannot also redirect here`,
        });
      }
    });
  }
  return problems;
}

/**
 * Validates a whole dataset at once: every document against its zod schema, unique slugs per type and
 * language, references that point to published documents of the right type, the clinical review rules,
 * the translation groups, and the contact details singleton. `found` are problems found elsewhere
 * (exported image files read from disk), listed with the rest.
 * Returns the parsed documents, or throws `InvalidContentError` listing every problem.
 */
export function validateDataset(raw: RawDataset, source: string, found: readonly ContentProblem[] = []): Dataset {
  const problems: ContentProblem[] = [...found];
  const parsed = Object.fromEntries(documentTypes.map((type) => [type, []])) as unknown as Record<
    DocumentType,
    Array<Record<string, unknown> & { _id: string }>
  >;
  for (const type of documentTypes) {
    for (const doc of raw[type] ?? []) {
      const result = documentSchemas[type].safeParse(doc);
      if (result.success) {
        parsed[type].push(result.data as Record<string, unknown> & { _id: string });
        continue;
      }
      for (const issue of result.error.issues) {
        problems.push({ id: idOf(doc), type, path: formatPath(issue.path), reason: describeIssue(issue) });
      }
    }
  }

  const typeById = new Map<string, string>();
  for (const type of documentTypes) for (const doc of raw[type] ?? []) typeById.set(idOf(doc), type);

  // Slugs and references are checked on every document, valid or not, so one run lists everything.
  for (const type of ['article', 'staffMember', 'topic'] as const) {
    const owners = new Map<string, string>();
    for (const doc of raw[type] as Array<{ slug?: { current?: unknown }; language?: unknown }>) {
      const slug = doc?.slug?.current;
      if (typeof slug !== 'string') continue;
      // An English and a Spanish document may share a slug: their URLs differ by the language prefix.
      const key = `${typeof doc.language === 'string' ? doc.language : defaultLanguage}:${slug}`;
      const owner = owners.get(key);
      if (owner) problems.push({ id: idOf(doc), type, path: 'slug', reason: `"${slug}" is already used by ${type} ${owner}` });
      else owners.set(key, idOf(doc));
    }
  }

  problems.push(...previousSlugProblems(raw));

  for (const type of documentTypes) {
    for (const doc of raw[type] ?? []) {
      if (!doc || typeof doc !== 'object') continue;
      for (const reference of findReferences(type, doc as Record<string, unknown>)) {
        const targetType = typeById.get(reference.ref);
        const path = formatPath(reference.path);
        if (!targetType) {
          problems.push({ id: idOf(doc), type, path, reason: `refers to ${reference.ref}, which is missing or not published` });
        } else if (!reference.targets.includes(targetType)) {
          problems.push({
            id: idOf(doc),
            type,
            path,
            reason: `refers to ${targetType} ${reference.ref}; expected ${reference.targets.join(' or ')}`,
          });
        }
      }
    }
  }

  problems.push(...clinicalReviewProblems(raw));
  problems.push(
    ...joinTranslations(
      (['article', 'staffMember', 'topic'] as const)
        .flatMap((type) => raw[type] as TranslatableDocument[])
        .filter((doc) => typeof doc?._id === 'string'),
      (raw['translation.metadata'] as TranslationGroupLike[]).filter((group) => typeof group?._id === 'string'),
    ).problems,
  );

  if (!raw.contactDetails.some((doc) => idOf(doc) === contactDetailsId)) {
    problems.push({
      id: contactDetailsId,
      type: 'contactDetails',
      path: 'document',
      reason: 'required: create and publish the Contact details document',
    });
  }

  if (problems.length > 0) throw new InvalidContentError(problems, source);
  return parsed as unknown as Dataset;
}
