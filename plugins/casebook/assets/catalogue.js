// Catalogue filters: one URL query parameter per facet (repeated or comma-separated) and `q`
// for text, so that a filtered view can be shared and reloaded. Without JavaScript the
// catalogue stays a plain list of every case.
(function () {
  "use strict";
  var form = document.getElementById("casebook-filters");
  var list = document.getElementById("casebook-catalogue");
  if (!form || !list) return;

  var S = window.CasebookSelection;
  var FACETS = S.FACETS;
  var brief = document.getElementById("casebook-brief");
  var items = Array.prototype.slice.call(list.children).map(function (li) {
    var terms = {};
    FACETS.forEach(function (facet) {
      var value = li.getAttribute("data-" + facet.replace("_", "-")) || "";
      terms[facet] = value ? value.split(" ") : [];
    });
    return { li: li, terms: terms, text: S.fold(li.textContent) };
  });
  // Laying out thousands of entries costs far more than matching them: show the matches a page
  // at a time, so that each keystroke stays well under 100 ms at 5,000 cases.
  var PAGE = 100;
  var limit = PAGE;
  var more = document.getElementById("casebook-more");
  var result = document.getElementById("casebook-result");
  var none = document.getElementById("casebook-none");
  var query = form.querySelector("input[name=q]");

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

  function apply(state) {
    var found = 0;
    var page = [];
    items.forEach(function (item) {
      if (S.matches(item.terms, item.text, state)) {
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

  function update() {
    limit = PAGE;
    var state = formState();
    apply(state);
    history.replaceState(null, "", location.pathname + S.write(state) + location.hash);
    brief.href = brief.getAttribute("data-base") + S.write(state);
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

  var initial = S.read(location.search);
  showInForm(initial);
  apply(initial);
  brief.href = brief.getAttribute("data-base") + S.write(initial);
})();
