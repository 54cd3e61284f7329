/**
 * Type-level agreement between the types Sanity TypeGen generates for the build's queries
 * (`schemas/sanity.types.ts`, from the Studio schema) and the types the zod schemas infer
 * (`schemas/zod/`). Checked by `tsc` (`query-types.test.ts`); a disagreement is a compile error here
 * that names the fields that disagree.
 *
 * Agreement, per document type:
 * - the same fields (system fields such as `_id` and `_key` aside);
 * - each field required in both or optional in both, and of the same kind (string, number, boolean,
 *   array, object); array items of the same kind;
 * - in an object field, the build knows every field the Studio writes, the Studio offers every field
 *   the build requires, and shared fields are of the same kind;
 * - every row a query can return is accepted by the zod schema's input type.
 */
import type * as z from 'zod';
import type {
  ArticlesQueryResult,
  ContactDetailsQueryResult,
  StaffMembersQueryResult,
  TopicsQueryResult,
} from '../../schemas/sanity.types.ts';
import type { ArticleSchema, ContactDetailsSchema, StaffMemberSchema, TopicSchema } from '../../schemas/zod/index.ts';

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

type Kind<T> = [T] extends [never]
  ? 'never'
  : T extends string
    ? 'string'
    : T extends number
      ? 'number'
      : T extends boolean
        ? 'boolean'
        : T extends readonly unknown[]
          ? 'array'
          : T extends object
            ? 'object'
            : 'unknown';

/**
 * The fields editors fill in. Left out: system fields (`_id`, `_type`, `_key`, `_ref`, the export's
 * `_sanityAsset` …), symbol keys, and two fields Sanity adds to its own types that the content model
 * does not use: an image's `media` (media library link) and a slug's `source`.
 */
type ContentKeys<T> = Exclude<keyof T, `_${string}` | symbol | 'media' | 'source'>;

type Present<T> = Exclude<T, null | undefined>;

type IsOptional<T, K extends keyof T> =
  Partial<Pick<T, K>> extends Pick<T, K> ? true : null extends T[K] ? true : undefined extends T[K] ? true : false;

type RequiredKeys<T> = { [K in ContentKeys<T>]: IsOptional<T, K> extends true ? never : K }[ContentKeys<T>];

type Kinds<T> = { [K in ContentKeys<T>]: Kind<Present<T[K]>> };

/** One level down: what the Studio writes, the build knows; what the build requires, the Studio offers. */
type NestedAgree<Studio, Build> = [Exclude<ContentKeys<Studio>, ContentKeys<Build>>] extends [never]
  ? [Exclude<RequiredKeys<Build>, ContentKeys<Studio>>] extends [never]
    ? Equal<Kinds<Studio>, Pick<Kinds<Build>, ContentKeys<Studio> & ContentKeys<Build>>>
    : false
  : false;

type FieldAgree<Studio, Build> =
  Equal<Kind<Studio>, Kind<Build>> extends true
    ? Kind<Studio> extends 'array'
      ? Equal<Kind<(Studio & readonly unknown[])[number]>, Kind<(Build & readonly unknown[])[number]>>
      : Kind<Studio> extends 'object'
        ? NestedAgree<Studio, Build>
        : true
    : false;

/**
 * The fields on which a query's rows and a zod schema disagree (`never` when they agree), and
 * `"rows the schema rejects"` when a row's type is not assignable to the schema's input.
 */
export type Disagreements<Row, Schema extends z.ZodType, Out = z.output<Schema>> =
  | Exclude<ContentKeys<Row>, ContentKeys<Out>>
  | Exclude<ContentKeys<Out>, ContentKeys<Row>>
  | {
      [K in ContentKeys<Row> & ContentKeys<Out>]: Equal<IsOptional<Row, K>, IsOptional<Out, K>> extends true
        ? FieldAgree<Present<Row[K]>, Present<Out[K]>> extends true
          ? never
          : K
        : K;
    }[ContentKeys<Row> & ContentKeys<Out>]
  | (Row extends z.input<Schema> ? never : 'rows the schema rejects');

/** Compiles only when `T` is `never`; otherwise the error names what is in `T`. */
type None<T extends never> = T;

export type Checks = [
  None<Disagreements<ArticlesQueryResult[number], typeof ArticleSchema>>,
  None<Disagreements<StaffMembersQueryResult[number], typeof StaffMemberSchema>>,
  None<Disagreements<TopicsQueryResult[number], typeof TopicSchema>>,
  None<Disagreements<ContactDetailsQueryResult[number], typeof ContactDetailsSchema>>,
];

// The comparison catches drift: each of these schemas differs from the Studio in one way.
type Row = ArticlesQueryResult[number];
type Shape = (typeof ArticleSchema)['shape'];
declare const optionalExcerpt: z.ZodObject<Omit<Shape, 'excerpt'> & { excerpt: z.ZodOptional<z.ZodString> }>;
declare const missingSeo: z.ZodObject<Omit<Shape, 'seo'>>;
declare const extraField: z.ZodObject<Shape & { subtitle: z.ZodString }>;
declare const numericTitle: z.ZodObject<Omit<Shape, 'title'> & { title: z.ZodNumber }>;
declare const requiredSlugField: z.ZodObject<Omit<Shape, 'slug'> & { slug: z.ZodObject<{ current: z.ZodString; prefix: z.ZodString }> }>;
export type MustFail = [
  // @ts-expect-error a field required in the Studio is optional for the build
  None<Disagreements<Row, typeof optionalExcerpt>>,
  // @ts-expect-error a Studio field the build does not read
  None<Disagreements<Row, typeof missingSeo>>,
  // @ts-expect-error a field the build needs that the Studio does not have
  None<Disagreements<Row, typeof extraField>>,
  // @ts-expect-error a field of another kind
  None<Disagreements<Row, typeof numericTitle>>,
  // @ts-expect-error an object field the build requires inside the slug
  None<Disagreements<Row, typeof requiredSlugField>>,
];
