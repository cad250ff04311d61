// Catalogue filters: one URL query parameter per facet (repeated or comma-separated) and `q`
// for text, so that a filtered view can be shared and reloaded. Without JavaScript the
// catalogue stays a plain list of every case.
(function () {
  "use strict";
  var form = document.getElementById("casebook-filters");
  var list = document.getElementById("casebook-catalogue");
  if (!form || !list) return;

  var FACETS = ["purposes", "sectors", "regions", "countries", "partners", "partner_types", "scale", "status", "lessons"];
  var items = Array.prototype.slice.call(list.children).map(function (li) {
    var terms = {};
    FACETS.forEach(function (facet) {
      var value = li.getAttribute("data-" + facet.replace("_", "-")) || "";
      terms[facet] = value ? value.split(" ") : [];
    });
    return { li: li, terms: terms, text: fold(li.textContent) };
  });
  // Laying out thousands of entries costs far more than matching them: show the matches a page
  // at a time, so that each keystroke stays well under 100 ms at 5,000 cases.
  var PAGE = 100;
  var limit = PAGE;
  var more = document.getElementById("casebook-more");
  var result = document.getElementById("casebook-result");
  var none = document.getElementById("casebook-none");
  var query = form.querySelector("input[name=q]");

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function readState(search) {
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

  function formState() {
    var state = { q: query.value.trim() };
    FACETS.forEach(function (facet) {
      state[facet] = Array.prototype.map.call(
        form.querySelectorAll("input[name=" + facet + "]:checked"), function (box) { return box.value; });
    });
    return state;
  }

  function showInForm(state) {
    query.value = state.q;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
      box.checked = state[box.name].indexOf(box.value) >= 0;
    });
  }

  function matches(item, state, words) {
    for (var i = 0; i < FACETS.length; i++) {
      var wanted = state[FACETS[i]];
      if (wanted.length && !wanted.some(function (t) { return item.terms[FACETS[i]].indexOf(t) >= 0; })) return false;
    }
    return words.every(function (w) { return item.text.indexOf(w) >= 0; });
  }

  function apply(state) {
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    var found = 0;
    var page = [];
    items.forEach(function (item) {
      if (matches(item, state, words)) {
        if (found < limit) page.push(item.li);
        found++;
      }
    });
    // Only the shown page is in the rendered list; the full list stays out of layout.
    shownList.replaceChildren.apply(shownList, page);
    var total = items.length;
    result.textContent = found === total
      ? total + (total === 1 ? " case." : " cases.")
      : found + " of " + total + " cases match.";
    none.hidden = found !== 0;
    more.hidden = found <= limit;
    more.textContent = "Show " + Math.min(PAGE, found - limit) + " more of " + (found - limit);
  }

  function toSearch(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      if (state[facet].length) params.set(facet, state[facet].join(","));
    });
    if (state.q) params.set("q", state.q);
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  }

  function update() {
    limit = PAGE;
    var state = formState();
    apply(state);
    history.replaceState(null, "", location.pathname + toSearch(state) + location.hash);
  }

  var shownList = list.cloneNode(false);
  list.id = "casebook-all";
  list.hidden = true;
  list.parentNode.insertBefore(shownList, list);

  more.addEventListener("click", function () {
    limit += PAGE;
    apply(formState());
  });

  form.hidden = false;
  form.addEventListener("change", update);
  query.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });

  var initial = readState(location.search);
  showInForm(initial);
  apply(initial);
})();
