import * as z from 'zod';
import { missingSchemeProblem, portableTextModel, rules } from '../rules.ts';
import { ImageSchema, optional, referenceTo, requiredText } from './common.ts';

/** A link to another site, an email address or a phone number. */
export const LinkSchema = z.looseObject({
  _key: z.string(),
  _type: z.literal('link'),
  /** The target; unsafe schemes are dropped when rendering, a missing scheme is an error. */
  href: requiredText().check((ctx) => {
    const problem = missingSchemeProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  }),
});

/** A link to an article or a staff bio, rendered as that page's URL. */
export const InternalLinkSchema = z.looseObject({
  _key: z.string(),
  _type: z.literal('internalLink'),
  /** The linked document. */
  reference: referenceTo(...portableTextModel.internalLinkTargets),
});

/** A paragraph, heading, quote or list item. */
export const TextBlockSchema = z.looseObject({
  _type: z.literal('block'),
  _key: optional(z.string()),
  /** `normal`, `h2`, `h3`, `h4` or `blockquote`. */
  style: optional(z.string()),
  /** `bullet` or `number` when the block is a list item. */
  listItem: optional(z.string()),
  /** Nesting depth of a list item, from 1. */
  level: optional(
    z
      .number()
      .int()
      .min(1, { error: `must be from 1 to ${rules.listLevelMax}` })
      .max(rules.listLevelMax, { error: `must be from 1 to ${rules.listLevelMax}: lists nest at most ${rules.listLevelMax} levels deep` }),
  ),
  /** Annotations the spans refer to by key. */
  markDefs: optional(z.array(z.looseObject({ _key: z.string(), _type: z.string() }))),
  /** The text runs. */
  children: z.array(z.looseObject({ _type: z.string() })),
});

/** A quotation set apart from the text. */
export const PullQuoteSchema = z.looseObject({
  _type: z.literal('pullQuote'),
  _key: optional(z.string()),
  /** The quoted words. */
  quote: requiredText(),
  /** Who said it. */
  attribution: optional(z.string()),
});

/** A highlighted box; `crisis` ones carry urgent help information. */
export const CalloutSchema = z.looseObject({
  _type: z.literal('callout'),
  _key: optional(z.string()),
  /** `info` or `crisis`. */
  tone: z.enum(portableTextModel.calloutTones, { error: 'must be "info" or "crisis"' }),
  /** The message. */
  text: requiredText(),
});

const knownBlocks: Record<string, z.ZodType> = {
  block: TextBlockSchema,
  image: ImageSchema,
  pullQuote: PullQuoteSchema,
  callout: CalloutSchema,
};

const knownMarkDefs: Record<string, z.ZodType> = {
  link: LinkSchema,
  internalLink: InternalLinkSchema,
};

function addIssues(ctx: z.RefinementCtx, result: z.ZodSafeParseResult<unknown>, prefix: PropertyKey[]) {
  if (result.success) return;
  for (const issue of result.error.issues) {
    // Re-raised as is, so the reason reads the same as for a top-level field.
    ctx.addIssue({ ...issue, path: [...prefix, ...issue.path] } as unknown as Parameters<typeof ctx.addIssue>[0]);
  }
}

/**
 * One item of a Portable Text array. Known types are checked field by field; unknown ones pass
 * here and are left out, with a report, when rendering (`docs/content-model.md`: never raw markup).
 */
export const PortableTextItemSchema = z.looseObject({ _type: z.string(), _key: optional(z.string()) }).superRefine((item, ctx) => {
  const schema = knownBlocks[item._type];
  if (schema) addIssues(ctx, schema.safeParse(item), []);
  const markDefs = item['markDefs'];
  if (item._type !== 'block' || !Array.isArray(markDefs)) return;
  markDefs.forEach((def: { _type?: unknown }, index) => {
    const defSchema = typeof def._type === 'string' ? knownMarkDefs[def._type] : undefined;
    if (defSchema) addIssues(ctx, defSchema.safeParse(def), ['markDefs', index]);
  });
});

/** Rich text: paragraphs, headings, lists, quotes, images, pull quotes and callouts. */
export const PortableTextSchema = z.array(PortableTextItemSchema);

export type PortableTextItem = z.infer<typeof PortableTextItemSchema>;
