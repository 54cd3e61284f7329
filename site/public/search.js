// Starts Pagefind's UI on /search/, runs the `q` query from the URL on load and keeps `q` in the
// URL as the visitor types, so results can be bookmarked and the back button works.
(() => {
  var root = document.querySelector('[data-search-root]');
  if (!root || typeof PagefindUI === 'undefined') return;
  var ui = new PagefindUI({
    element: root,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: 'Search articles and staff' },
    processTerm: (term) => {
      var url = new URL(window.location.href);
      if (term) url.searchParams.set('q', term);
      else url.searchParams.delete('q');
      window.history.replaceState(null, '', url);
      return term;
    },
  });
  var query = new URLSearchParams(window.location.search).get('q');
  if (query) {
    ui.triggerSearch(query);
    var headerBox = document.getElementById('site-search');
    if (headerBox) headerBox.value = query;
  }
})();
