// The catalogue's search and filters, over the site's search index (search.js).
//
// The page arrives as a plain list of the cases by title, a page at a time, which is all a reader
// without JavaScript needs. This script adds the search field, the facets (sidebar on a desktop,
// behind "Filters" on a phone), chips for the active filters, and keeps the selection in the
// address so that a view can be shared. Results are fetched a few at a time.
//
// search.js fetches it the first time a page has a finder, and starts it on each such page the
// reader sees (with the theme's instant loading, a page is shown without being loaded).
window.Casebook.parts.catalogue = function (finderBox) {
  "use strict";
  var C = window.Casebook;
  var finder = new C.Finder(JSON.parse(finderBox.getAttribute("data-config")));
  var config = finder.config;
  var M = config.messages;
  var el = C.el;

  var controls = document.getElementById("casebook-controls");
  var form = document.getElementById("casebook-search");
  var query = document.getElementById("casebook-q");
  var sort = document.getElementById("casebook-sort");
  var facetsBox = document.getElementById("casebook-facets");
  var toggle = document.getElementById("casebook-filters-toggle");
  var chips = document.getElementById("casebook-chips");
  var result = document.getElementById("casebook-result");
  var list = document.getElementById("casebook-catalogue");
  var none = document.getElementById("casebook-none");
  var pager = document.getElementById("casebook-pager");
  var more = document.getElementById("casebook-more");
  var briefLine = document.getElementById("casebook-brief-line");
  var brief = document.getElementById("casebook-brief");

  var state = finder.read(location.search);
  var results = [];
  var shown = 0;
  var asked = 0;
  var counts = null;
  var boxes = {};        // facet -> id -> its checkbox's label
  var partnerFind = null;
  var live = false;      // is the list the index's answer, or still the page's plain list?
  var COUNT_AFTER = 250; // milliseconds without a new selection before the facets are counted
  var TYPING_PAUSE = 60; // milliseconds without a keystroke before the words are searched
  var SHORT_WORD_PAUSE = 400;
  var FIRST_RESULTS = 8; // shown before the rest of the page, each result's fragment being a request
  var searching = null;  // the query being answered
  var countedFor = null; // the selection whose counts are shown
  var waiting = null;    // a newer selection came meanwhile (how many results it wants, or true)

  function termLabel(facet, id) {
    return finder.label(facet, id);
  }

  function facetSection(facet) {
    var fieldset = el("fieldset", {}, [el("legend", { class: "casebook-sr-only", text: facet.label })]);
    var details = el("details", { class: "casebook-filter", "data-facet": facet.name }, [
      el("summary", { text: facet.label }), fieldset,
    ]);
    if (facet.open || state.terms[facet.name].length) details.open = true;
    details.addEventListener("toggle", function () {
      if (details.open && live && !finder.isEmpty(state)) countTerms(asked);
    });
    if (facet.labelled) {
      partnerFind = el("input", { type: "search", class: "casebook-facet-find", placeholder: C.say(M, "findPartner"), "aria-label": C.say(M, "findPartner") });
      fieldset.appendChild(partnerFind);
      partnerFind.addEventListener("input", function () {
        finder.learnValues([facet.name]).then(function () { drawOptions(facet, fieldset); });
      });
    }
    fieldset.appendChild(el("div", { class: "casebook-options" }));
    drawOptions(facet, fieldset);
    return details;
  }

  // Terms in their vocabulary's order, sub-terms under their parent; a labelled facet (partners)
  // shows those chosen, then the most frequent or those whose name has the typed words.
  function optionIds(facet) {
    if (!facet.labelled) {
      var ids = facet.terms.map(function (t) { return t[0]; });
      var parent = {};
      facet.terms.forEach(function (t) { parent[t[0]] = t[2]; });
      var ordered = [];
      (function add(of) {
        ids.forEach(function (id) {
          if ((parent[id] || null) === of) { ordered.push(id); add(id); }
        });
      })(null);
      ids.forEach(function (id) { if (ordered.indexOf(id) < 0) ordered.push(id); });
      return ordered;
    }
    var chosen = state.terms[facet.name].slice();
    var words = partnerFind && partnerFind.value.trim().toLowerCase();
    var all = Object.keys(finder.values[facet.name]);
    var n = function (id) { return counts && counts[facet.name] ? (counts[facet.name][finder.values[facet.name][id]] || 0) : 0; };
    var pool = words
      ? all.filter(function (id) { return termLabel(facet.name, id).toLowerCase().indexOf(words) >= 0; })
      : all.filter(function (id) { return !counts || n(id) > 0; });
    // As many cases: in the page's language's alphabetical order (pinyin in Chinese), as the build's lists.
    var lang = document.documentElement.lang;
    pool.sort(function (a, b) { return n(b) - n(a) || termLabel(facet.name, a).localeCompare(termLabel(facet.name, b), lang); });
    return chosen.concat(pool.filter(function (id) { return chosen.indexOf(id) < 0; }).slice(0, 30));
  }

  function drawOptions(facet, fieldset) {
    var box = fieldset.querySelector(".casebook-options");
    var parent = {};
    facet.terms.forEach(function (t) { parent[finder.learn(facet, t[0], t[1])] = t[2]; });
    var initial = {};
    facet.terms.forEach(function (t) { initial[t[0]] = t[3]; });
    boxes[facet.name] = {};
    box.replaceChildren.apply(box, optionIds(facet).map(function (id) {
      var input = el("input", { type: "checkbox", name: facet.name, value: id });
      input.checked = state.terms[facet.name].indexOf(id) >= 0;
      var count = el("span", { class: "casebook-count" });
      var label = el("label", parent[id] ? { class: "casebook-sub" } : {}, [input, " " + C.isolate(termLabel(facet.name, id)), count]);
      boxes[facet.name][id] = label;
      showCount(facet, id, initial[finder.values[facet.name][id]]);
      return label;
    }));
  }

  function showCount(facet, id, fallback) {
    var label = boxes[facet.name][id];
    var n = counts && counts[facet.name] ? (counts[facet.name][finder.values[facet.name][id]] || 0) : fallback;
    // The count as a note in the language's brackets, with the space before them that it takes (none in Chinese).
    label.querySelector(".casebook-count").textContent = n === undefined ? "" : C.say(M, "note", { text: "", note: n });
    var checked = label.querySelector("input").checked;
    label.classList.toggle("casebook-zero", n === 0 && !checked);
    // Long lists (countries) keep only the terms that would still find something.
    label.hidden = n === 0 && !checked && facet.terms.length > 12;
  }

  function drawChips() {
    var items = [];
    finder.facets.forEach(function (facet) {
      state.terms[facet.name].forEach(function (id) {
        var name = C.say(M, "pair", { label: facet.singular, value: C.isolate(termLabel(facet.name, id)) });
        var button = el("button", { type: "button", class: "casebook-chip", "aria-label": C.say(M, "removeFilter", { name: name }) }, [
          C.isolate(termLabel(facet.name, id)) + " ", el("span", { "aria-hidden": "true", text: "×" }),
        ]);
        button.addEventListener("click", function () {
          state.terms[facet.name] = state.terms[facet.name].filter(function (t) { return t !== id; });
          update(true);
          query.focus();
        });
        items.push(el("li", {}, [button]));
      });
    });
    if (state.q) {
      var words = el("button", { type: "button", class: "casebook-chip", "aria-label": C.say(M, "removeWords", { words: C.isolate(state.q) }) }, [
        C.say(M, "quoted", { text: C.isolate(state.q) }) + " ", el("span", { "aria-hidden": "true", text: "×" }),
      ]);
      words.addEventListener("click", function () { state.q = ""; query.value = ""; update(true); query.focus(); });
      items.push(el("li", {}, [words]));
    }
    if (items.length) {
      var clear = el("button", { type: "button", class: "casebook-button", id: "casebook-clear", text: C.say(M, "clearAll") });
      clear.addEventListener("click", function () {
        finder.facets.forEach(function (f) { state.terms[f.name] = []; });
        state.q = "";
        query.value = "";
        update(true);
        query.focus();
      });
      items.push(el("li", {}, [clear]));
    }
    chips.replaceChildren.apply(chips, items);
    chips.hidden = !items.length;
  }

  function item(data) {
    var excerpt = el("p", { class: "casebook-excerpt" });
    if (state.q) excerpt.innerHTML = data.excerpt; // Pagefind escapes the page's text and adds only <mark>
    else excerpt.textContent = data.meta.summary || "";
    // A case not translated into the page's language: its title and words are in their own, its
    // key facts in the page's (search_record.html).
    var other = data.meta.language && data.meta.language !== config.language ? data.meta.language : null;
    // Its own direction too, isolated from the page's (English in an Arabic page reads left to right).
    var dir = other && config.directions[other];
    var own = other ? { hreflang: other, lang: other, dir: dir } : {};
    if (other) { excerpt.setAttribute("lang", other); excerpt.setAttribute("dir", dir); }
    var title = el("a", Object.assign({ href: C.highlighted(C.resultUrl(data, config.root), state.q), text: data.meta.title || "" }, own));
    var note = other && config.notes[other];
    return el("li", {}, (note ? [title, " ", el("span", { class: "casebook-language-note", text: note })] : [title]).concat([
      excerpt,
      el("p", { class: "casebook-key-facts", text: data.meta["facts-" + config.language] || data.meta.facts || "" }),
    ]));
  }

  // The next results, or with `replace` the first ones, in place of the list only once they have all come.
  function showMore(mine, howMany, replace) {
    var next = results.slice(shown, shown + (howMany || config.pageSize));
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== asked) return;
      if (replace) list.replaceChildren();
      pages.forEach(function (data) { list.appendChild(item(data)); });
      shown += pages.length;
      more.hidden = shown >= results.length;
      more.textContent = C.say(M, "showMoreOf", { count: Math.min(config.pageSize, results.length - shown), rest: results.length - shown });
    });
  }

  // Results first, then the facets' counts, which need every facet's part of the index.
  function run(howMany) {
    var mine = ++asked;
    live = true;
    finderBox.setAttribute("aria-busy", "true");
    finderBox.removeAttribute("data-counted");
    // One query at a time: while one is answered, later selections wait, and only the last is asked.
    if (searching) {
      waiting = howMany || true;
      return searching;
    }
    searching = finder.search(state).then(function (found) {
      if (mine !== asked) return null;
      results = found;
      shown = 0;
      var n = results.length;
      result.setAttribute("data-count", String(n));
      result.textContent = finder.isEmpty(state) || n === config.total && !state.q && !hasTerms()
        ? C.say(M, "casesSentence", { cases: C.plural(M, n) })
        : C.say(M, "matching", { count: n, cases: C.plural(M, config.total) });
      none.hidden = n !== 0;
      // The first few as soon as they come, then the rest of the page.
      var wanted = howMany || config.pageSize;
      return showMore(mine, Math.min(FIRST_RESULTS, wanted), true).then(function () {
        if (mine !== asked) return null;
        finderBox.setAttribute("data-answered", finder.write(state)); // its first results are on screen
        return wanted > FIRST_RESULTS ? showMore(mine, wanted - FIRST_RESULTS) : null;
      });
    }).then(function () {
      if (mine !== asked) return;
      finderBox.removeAttribute("aria-busy");
      finderBox.setAttribute("data-shown", finder.write(state)); // the selection on screen, for tests and tools
      if (finder.isEmpty(state)) {
        showBuildCounts(); // what the page came with: every case
      } else {
        // Counting waits for a pause in typing, and runs apart from the queries (search.js).
        setTimeout(function () { if (mine === asked) countTerms(mine); }, COUNT_AFTER);
      }
    }).catch(function (error) {
      if (mine !== asked) return;
      finderBox.removeAttribute("aria-busy");
      result.textContent = C.say(M, "indexFailed", { error: error.message });
    }).then(function () {
      searching = null;
      if (waiting) {
        var again = waiting;
        waiting = null;
        run(again === true ? undefined : again);
      }
    });
    return searching;
  }

  // The counts of the facets a reader can see (open, with terms), and of those with terms chosen.
  function showBuildCounts() {
    counts = null;
    finder.facets.forEach(function (facet) {
      var fieldset = facetsBox.querySelector("[data-facet=" + facet.name + "] fieldset");
      if (fieldset) drawOptions(facet, fieldset);
    });
    finderBox.setAttribute("data-counted", "");
  }

  function countTerms(mine) {
    var names = finder.facets.filter(function (facet) {
      var details = facetsBox.querySelector("[data-facet=" + facet.name + "]");
      return details && (details.open || state.terms[facet.name].length);
    }).map(function (facet) { return facet.name; });
    finder.count(state, names, function () { return mine === asked; }).then(function (found) {
      if (!found || mine !== asked) return;
      counts = counts || {};
      names.forEach(function (name) { counts[name] = found.counts[name]; });
      countedFor = finder.write(state);
      names.forEach(function (name) {
        var facet = finder.byName[name];
        var fieldset = facetsBox.querySelector("[data-facet=" + name + "] fieldset");
        if (facet.labelled) drawOptions(facet, fieldset);
        else Object.keys(boxes[name]).forEach(function (id) { showCount(facet, id); });
      });
      finderBox.setAttribute("data-counted", countedFor);
    }).catch(function () { /* the counts stay as they were */ });
  }

  function hasTerms() {
    return finder.facets.some(function (f) { return state.terms[f.name].length; });
  }

  function update(fromControls) {
    if (fromControls) {
      history.replaceState(null, "", location.pathname + finder.write(state) + location.hash);
    }
    sort.value = state.sort || finder.defaultSort(state);
    brief.href = config.briefing + finder.write(state);
    drawChips();
    Object.keys(boxes).forEach(function (name) {
      Object.keys(boxes[name]).forEach(function (id) {
        boxes[name][id].querySelector("input").checked = state.terms[name].indexOf(id) >= 0;
      });
    });
    return run();
  }

  // Build the controls.
  finder.facets.forEach(function (facet) {
    if (facet.terms.length || facet.labelled) facetsBox.appendChild(facetSection(facet));
  });
  query.value = state.q;
  controls.hidden = false;
  facetsBox.hidden = false;
  briefLine.hidden = false;
  if (pager) pager.hidden = true;
  finderBox.classList.add("casebook-finder--live");

  facetsBox.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    var terms = state.terms[box.name].filter(function (t) { return t !== box.value; });
    if (box.checked) terms.push(box.value);
    state.terms[box.name] = terms;
    update(true);
  });
  var typing = null;
  // Fetch the index's entry point as soon as a reader heads for the field, not when the page loads.
  ["focus", "pointerdown"].forEach(function (event) {
    query.addEventListener(event, function () { finder.index(); });
  });
  query.addEventListener("input", function () {
    clearTimeout(typing);
    var words = query.value.trim();
    // A word of one letter is most likely the start of a longer one, and would match most of the
    // index: wait longer for the next key before searching.
    var short = /(^|\s)\S$/.test(words);
    // The parts of the index the words need start to come while the reader types on.
    if (words && !short) finder.index().then(function (pf) { pf.preload(words); });
    typing = setTimeout(function () {
      var was = state.q;
      state.q = words;
      if (state.q !== was) {
        if (!was || !state.q) state.sort = ""; // relevance with words, title without
        update(true);
      }
    }, short ? SHORT_WORD_PAUSE : TYPING_PAUSE);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    state.q = query.value.trim();
    update(true);
  });
  sort.addEventListener("change", function () {
    state.sort = sort.value;
    update(true);
  });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    finderBox.classList.toggle("casebook-finder--filters-open", open);
  });
  more.addEventListener("click", function () {
    if (live) showMore(asked);
    else run(list.children.length + config.pageSize);
  });

  // The first view: the plain list already shows it when nothing is selected.
  sort.value = state.sort || finder.defaultSort(state);
  brief.href = config.briefing + finder.write(state);
  drawChips();
  if (finder.isEmpty(state)) {
    more.hidden = config.total <= list.children.length;
    more.textContent = C.say(M, "showMore");
    result.textContent = C.say(M, "casesSentence", { cases: C.plural(M, config.total) });
    finderBox.setAttribute("data-shown", "");
  } else {
    run();
  }
};
