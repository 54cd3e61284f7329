import type { FieldProps, InputProps, Rule, SchemaType } from 'sanity';

/** True when a field's rules include `required()`, the rule Sanity enforces before publishing. */
export function isRequiredField(schemaType: SchemaType): boolean {
  const rules = schemaType.validation;
  return Array.isArray(rules) && rules.some((rule) => typeof (rule as Rule).isRequired === 'function' && (rule as Rule).isRequired());
}

/** "Title (required)": the field title for a required field, so editors see it before any error. */
export function requiredTitle(title: string | undefined, schemaType: SchemaType): string | undefined {
  return title && isRequiredField(schemaType) ? `${title} (required)` : title;
}

/** Every field of the form, with "(required)" after the title of a required one. */
export function RequiredFieldMarker(props: FieldProps) {
  return props.renderDefault({ ...props, title: requiredTitle(props.title, props.schemaType) });
}

/** True for a `datetime` field, whatever its own type name. */
function isDatetime(schemaType: SchemaType | undefined): boolean {
  for (let type = schemaType; type; type = type.type) if (type.name === 'datetime') return true;
  return false;
}

const titled = new WeakMap<SchemaType, SchemaType>();

/**
 * The props of an input, with "(required)" in the title of a required datetime: Sanity's datetime input
 * draws its own title (beside the time zone) from its schema type, not the field's.
 */
export function withRequiredTitle(props: InputProps): InputProps {
  const { schemaType } = props;
  if (!isDatetime(schemaType)) return props;
  const title = requiredTitle(schemaType.title, schemaType);
  if (title === schemaType.title) return props;
  // Compiled schema types keep some properties on their prototypes: inherit them all, override the title.
  // One object per type, so React sees the same schema type on every render.
  const marked = titled.get(schemaType) ?? Object.create(schemaType, { title: { value: title, enumerable: true } });
  titled.set(schemaType, marked);
  return { ...props, schemaType: marked } as InputProps;
}
