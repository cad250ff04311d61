// How the catalogue and its briefing read a selection from the address and match a case: one
// query parameter per facet (repeated or comma-separated: any term matches), `q` for words that
// must all appear. The same rules as `casebook brief`.
window.CasebookSelection = (function () {
  "use strict";
  var FACETS = ["purposes", "sectors", "regions", "countries", "partners", "partner_types", "scale", "status", "lessons"];

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function read(search) {
    var params = new URLSearchParams(search);
    var state = { q: params.get("q") || "" };
    FACETS.forEach(function (facet) {
      state[facet] = [];
      params.getAll(facet).forEach(function (value) {
        value.split(",").forEach(function (term) {
          term = term.trim();
          if (term && state[facet].indexOf(term) < 0) state[facet].push(term);
        });
      });
    });
    return state;
  }

  function write(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      if (state[facet].length) params.set(facet, state[facet].join(","));
    });
    if (state.q) params.set("q", state.q);
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  }

  // `terms`: facet -> the case's terms; `text`: its folded text.
  function matches(terms, text, state) {
    for (var i = 0; i < FACETS.length; i++) {
      var wanted = state[FACETS[i]];
      if (wanted.length && !wanted.some(function (t) { return terms[FACETS[i]].indexOf(t) >= 0; })) return false;
    }
    return fold(state.q).split(/\s+/).filter(Boolean).every(function (w) { return text.indexOf(w) >= 0; });
  }

  return { FACETS: FACETS, fold: fold, read: read, write: write, matches: matches };
})();
