import { type EngineAnswer, searchAsMeant } from './engine.ts';
import { loadPagefind, type PagefindFilters, type PagefindPage } from './pagefind-api.ts';
import { crisisTermsIn, fill, type SearchConfig, type SearchText } from './query.ts';

/** Results shown at once, and added by "Show more results". */
const pageSize = 10;
/** How long typing must pause before a search runs. */
const debounceMs = 250;
const filterKeys = ['type', 'topic'] as const;

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`search page: ${selector} is missing`);
  return element;
}

/** The settings the build rendered into the page (it always renders all of them). */
function readConfig(root: HTMLElement): SearchConfig {
  const value = JSON.parse(root.dataset['config'] ?? '{}') as SearchConfig;
  const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item) => typeof item === 'string') : []);
  return {
    ...value,
    synonyms: Array.isArray(value.synonyms) ? value.synonyms.map(strings).filter((group) => group.length > 1) : [],
    crisisTerms: strings(value.crisisTerms),
  };
}

/** "March 4, 2025" (or "4 de marzo de 2025") from the `YYYY-MM-DD` an article page gives Pagefind. */
function formatDate(iso: string | undefined, dateFormat: Intl.DateTimeFormat): string | undefined {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return undefined;
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : dateFormat.format(date);
}

/** The excerpt's text and `<mark>`s as nodes; nothing else of it becomes markup. */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body.firstElementChild;
  return [...(parsed?.childNodes ?? [])].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

function resultItem(page: PagefindPage, text: SearchText, dateFormat: Intl.DateTimeFormat): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const heading = document.createElement('h3');
  const link = document.createElement('a');
  link.href = page.url;
  link.textContent = page.meta.title ?? page.url;
  heading.append(link);
  const meta = document.createElement('p');
  meta.className = 'search-result-meta';
  const typeKey = page.filters['type']?.[0];
  const type = typeKey ? (text.resultTypes[typeKey] ?? typeKey) : undefined;
  const topics = page.filters['topic'] ?? [];
  const date = formatDate(page.meta.date, dateFormat);
  for (const [text, className] of [
    [type, 'search-result-type'],
    [topics.join(', '), 'search-result-topics'],
    [date, 'search-result-date'],
  ] as const) {
    if (!text) continue;
    const part = document.createElement('span');
    part.className = className;
    part.textContent = text;
    meta.append(part);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  excerpt.append(...excerptNodes(page.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

function start(root: HTMLElement): void {
  const config = readConfig(root);
  const { text } = config;
  const dateFormat = new Intl.DateTimeFormat(text.intl, { dateStyle: 'long', timeZone: 'UTC' });
  const results = (count: number) => (count === 1 ? text.resultOne : fill(text.resultMany, { count }));
  const form = required<HTMLFormElement>(root, '[data-search-form]');
  const input = required<HTMLInputElement>(form, 'input[name="q"]');
  const filterPanel = required<HTMLDetailsElement>(form, '[data-search-filters]');
  const filterCount = required<HTMLElement>(form, '[data-filter-count]');
  const crisis = required<HTMLElement>(root, '[data-search-crisis]');
  const status = required<HTMLElement>(root, '[data-search-status]');
  const notice = required<HTMLElement>(root, '[data-search-notice]');
  const list = required<HTMLOListElement>(root, '[data-search-results]');
  const more = required<HTMLButtonElement>(root, '[data-search-more]');
  const fallback = required<HTMLElement>(root, '[data-search-fallback]');
  const checkboxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];

  let generation = 0;
  let current: EngineAnswer<PagefindPage> | undefined;
  let shown = 0;

  const checked = (key: string) => checkboxes.filter((box) => box.name === key && box.checked).map((box) => box.value);

  function currentFilters(): PagefindFilters {
    const filters: PagefindFilters = {};
    for (const key of filterKeys) {
      const values = checked(key);
      if (values.length > 0) filters[key] = { any: values };
    }
    return filters;
  }

  /** Keeps the query and filters in the address, so a search can be bookmarked, shared or reloaded. */
  function writeUrl(query: string): void {
    const url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    for (const key of filterKeys) {
      url.searchParams.delete(key);
      for (const value of checked(key)) url.searchParams.append(key, value);
    }
    window.history.replaceState(window.history.state, '', url);
  }

  function showFilterCount(): void {
    const count = filterKeys.reduce((sum, key) => sum + checked(key).length, 0);
    filterCount.textContent = count > 0 ? fill(root.dataset['filtersOn'] ?? '({count})', { count }) : '';
  }

  function clearResults(): void {
    list.replaceChildren();
    more.hidden = true;
    notice.hidden = true;
    shown = 0;
  }

  async function showMore(focusFirst: boolean): Promise<void> {
    if (!current) return;
    const answer = current;
    const next = answer.results.slice(shown, shown + pageSize);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (answer !== current) return;
    const items = pages.map((page) => resultItem(page, text, dateFormat));
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= answer.results.length;
    if (focusFirst) items[0]?.querySelector('a')?.focus();
  }

  function describe(query: string, answer: EngineAnswer<PagefindPage>): { status: string; notice?: string } {
    const found = results(answer.results.length);
    const filtered = Object.keys(currentFilters()).length > 0 ? text.withFilters : '';
    switch (answer.kind) {
      case 'all':
        return { status: fill(text.forQuery, { results: found, query, filtered }) };
      case 'some':
        return { status: fill(text.withSome, { results: found, filtered }), notice: text.someNotice };
      case 'similar':
        return { status: fill(text.similar, { results: found, query, filtered }), notice: text.similarNotice };
      case 'none':
        return { status: fill(text.none, { query, filtered }), notice: filtered ? text.noneFiltered : text.noneNotice };
    }
  }

  async function run(debounce: boolean): Promise<void> {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      clearResults();
      current = undefined;
      status.textContent = '';
      fallback.hidden = true;
      return;
    }
    let answer: EngineAnswer<PagefindPage>;
    try {
      const pagefind = await loadPagefind(root.dataset['base']);
      const filters = currentFilters();
      // Pagefind's own debounce: a search superseded by further typing comes back as null.
      if (debounce && (await pagefind.debouncedSearch(query, { filters }, debounceMs)) === null) return;
      if (mine !== generation) return;
      answer = await searchAsMeant(
        (term) => pagefind.search(term, { filters }).then((response) => response.results),
        query,
        config.synonyms,
        config.language,
      );
    } catch {
      if (mine !== generation) return;
      clearResults();
      status.textContent = text.failed;
      fallback.hidden = false;
      return;
    }
    if (mine !== generation) return;
    current = answer;
    const said = describe(query, answer);
    clearResults();
    await showMore(false);
    if (mine !== generation) return;
    notice.textContent = said.notice ?? '';
    notice.hidden = !said.notice;
    fallback.hidden = answer.kind !== 'none';
    status.textContent = said.status;
  }

  function onQueryChange(debounce: boolean): void {
    const query = input.value.trim();
    writeUrl(query);
    crisis.hidden = crisisTermsIn(query, config.crisisTerms).length === 0;
    void run(debounce);
  }

  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') ?? '';
  for (const box of checkboxes) box.checked = params.getAll(box.name).includes(box.value);
  showFilterCount();
  if (checkboxes.some((box) => box.checked)) filterPanel.open = true;

  input.addEventListener('input', () => onQueryChange(true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onQueryChange(false);
  });
  for (const box of checkboxes) {
    box.addEventListener('change', () => {
      showFilterCount();
      onQueryChange(false);
    });
  }
  more.addEventListener('click', () => void showMore(true));

  if (input.value.trim()) onQueryChange(false);
  root.dataset['searchStarted'] = '';
}

const root = document.querySelector<HTMLElement>('[data-search-root]');
if (root) start(root);
