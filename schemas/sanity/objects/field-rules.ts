import type { StringRule } from 'sanity';
import { rules } from '../../rules.ts';

/** Titles: a hard limit, and a warning where search engines start cutting. */
export function titleLength(rule: StringRule): StringRule[] {
  return [
    rule.max(rules.titleMax),
    rule.max(rules.titleSoftMax).warning(`Search engines cut titles longer than ${rules.titleSoftMax} characters.`),
  ];
}

/** Excerpts and descriptions: a hard limit, and a warning where search engines start cutting. */
export function descriptionLength(rule: StringRule): StringRule[] {
  return [
    rule.max(rules.excerptMax),
    rule.max(rules.excerptSoftMax).warning(`Search engines cut descriptions longer than ${rules.excerptSoftMax} characters.`),
  ];
}

/** An optional email address, checked with the same pattern as the build. */
export function emailAddress(rule: StringRule): StringRule {
  return rule.custom((value: string | undefined) => (!value || rules.emailPattern.test(value) ? true : 'Enter a valid email address'));
}
