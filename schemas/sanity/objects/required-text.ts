/**
 * For `rule.required().custom(notBlank)`: text of spaces alone is missing text. Sanity's `required()`
 * accepts "   "; the build (`requiredText` in `schemas/zod/common.ts`) trims first and rejects it.
 */
export function notBlank(value: string | undefined): true | string {
  return value === undefined || value.trim() !== '' ? true : 'Required: spaces alone are not enough';
}
