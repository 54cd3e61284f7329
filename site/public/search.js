// Starts Pagefind's UI on /search/, runs the `q` query from the URL on load and keeps `q` in the
// URL as the visitor types, so a search can be bookmarked or shared.
(() => {
  const root = document.querySelector('[data-search-root]');
  if (!root || typeof PagefindUI === 'undefined') return;
  const ui = new PagefindUI({
    element: root,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: 'Search articles and staff' },
    processTerm: (term) => {
      const url = new URL(window.location.href);
      if (term) url.searchParams.set('q', term);
      else url.searchParams.delete('q');
      window.history.replaceState(null, '', url);
      return term;
    },
  });
  const query = new URLSearchParams(window.location.search).get('q');
  if (query) {
    ui.triggerSearch(query);
    const headerBox = document.getElementById('site-search');
    if (headerBox) headerBox.value = query;
  }
})();
