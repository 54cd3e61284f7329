import { describe, expect, it } from 'vitest';
import { excerptParts } from '../../site/client/search/excerpt.ts';

const text = (parts: { text: string; marked: boolean }[]) => parts.map((part) => (part.marked ? `[${part.text}]` : part.text)).join('');

const content =
  'Choosing treatment. Paying for Treatment: Cost and Insurance Questions. Worries about cost stop many people from seeking help. ' +
  'If you are in immediate danger, call 911. Costs vary a great deal, and insurance language can be confusing.';
const title = 'Paying for Treatment: Cost and Insurance Questions';

describe('search result excerpts', () => {
  it('start after the title, which the result shows already, and end with an ellipsis where the text goes on', () => {
    const excerpt = 'for <mark>Treatment:</mark> Cost and Insurance Questions. Worries about <mark>cost</mark> stop many';
    expect(text(excerptParts(excerpt, content, title))).toBe('Worries about [cost] stop many people from seeking help. If you…');
  });

  it('begin with an ellipsis when cut inside a sentence, and not when a sentence starts', () => {
    expect(text(excerptParts('are in immediate <mark>danger,</mark> call 911.', content, title))).toBe(
      '… are in immediate [danger,] call 911.',
    );
    expect(text(excerptParts('If you are in immediate <mark>danger,</mark>', content, title))).toBe('If you are in immediate [danger,]…');
  });

  it('are given as they are when the page text does not hold them', () => {
    expect(text(excerptParts('some <mark>other</mark> words', content, title))).toBe('some [other] words');
  });

  it('never turn the page text into markup', () => {
    expect(excerptParts('a &lt;b&gt; &amp; <mark>c</mark>', 'a <b> & c', undefined)).toEqual([
      { text: 'a <b> & ', marked: false },
      { text: 'c', marked: true },
    ]);
  });
});
