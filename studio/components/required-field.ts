import type { FieldProps, Rule, SchemaType } from 'sanity';

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
