// The briefing of a catalogue selection, assembled in the browser: the search index selects the
// cases as the catalogue does (search.js), then each case's page gives its title, summary and facts
// (laid out once, by the build). Nothing else is downloaded.
(function () {
  "use strict";
  var C = window.Casebook;
  var data = JSON.parse(document.getElementById("briefing-data").textContent);
  var config = data.finder;
  var finder = new C.Finder(config);
  var M = config.messages;
  var state = finder.read(location.search);
  state.sort = "title";
  var el = C.el;
  var byId = function (id) { return document.getElementById(id); };

  function describe() {
    var parts = finder.facets.filter(function (f) { return state.terms[f.name].length; }).map(function (f) {
      var terms = state.terms[f.name].map(function (id) { return C.isolate(finder.label(f.name, id)); });
      return C.say(M, "pair", { label: f.label, value: C.list(M, terms, "or") });
    });
    if (state.q) parts.push(C.say(M, "words", { words: C.say(M, "quoted", { text: C.isolate(state.q) }) }));
    return parts.reduce(function (text, part) { return text ? C.say(M, "series", { first: text, second: part }) : part; }, "") || C.say(M, "allCases");
  }

  function countTables(counts) {
    return data.counted.map(function (pair) {
      var facet = finder.byName[pair[0]];
      var table = el("table", { class: "counts" }, [el("caption", { text: pair[1] })]);
      facet.terms.forEach(function (term) {
        var n = counts[facet.name][term[0]] || 0;
        if (n) table.appendChild(el("tr", {}, [el("td", { text: C.isolate(term[1]) }), el("td", { class: "n", text: String(n) })]));
      });
      return table;
    });
  }

  // Each case's title, summary and facts, from its own page (the rows of facts.py, as the site lays
  // them out): a few requests at a time, in the order of the selection.
  function section(html, i) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var title = page.querySelector("article h1");
    Array.prototype.forEach.call(title.querySelectorAll(".headerlink"), function (a) { a.remove(); });
    var facts = page.querySelector("aside.casebook-facts dl");
    Array.prototype.forEach.call(facts.querySelectorAll("[data-pagefind-ignore]"), function (el) { el.remove(); });
    facts.className = "facts";
    var summary = page.querySelector("article .casebook-summary");
    return el("section", { class: "case", id: "case-" + (i + 1) }, [
      el("h2", { text: title.textContent.trim() }),
      el("p", { class: "summary", text: summary ? summary.textContent : "" }),
      document.importNode(facts, true),
    ]);
  }

  // The selection's countries on the map whose shapes the site keeps in one file (maps.py).
  function drawMap(countries) {
    var svg = byId("briefing-map");
    // In the order the build gives the countries (the language's collation: writing.py).
    var order = {};
    finder.byName.countries.terms.forEach(function (term, i) { order[term[0]] = i; });
    var codes = Object.keys(countries).filter(function (code) { return countries[code] > 0; }).sort(function (a, b) {
      var at = function (code) { return code in order ? order[code] : Infinity; };
      return at(a) - at(b) || finder.label("countries", a).localeCompare(finder.label("countries", b), document.documentElement.lang);
    });
    var ns = "http://www.w3.org/2000/svg";
    codes.forEach(function (code) {
      var use = document.createElementNS(ns, "use");
      use.setAttribute("class", "here");
      use.setAttribute("href", config.world + "#c-" + code);
      svg.appendChild(use);
    });
    byId("pack-map-text").textContent = codes.length
      ? C.say(M, "sentences", { first: C.say(M, "countriesOf"), second: C.say(M, "sentence", { text: C.list(M, codes.map(function (code) { return finder.label("countries", code); })) }) })
      : C.say(M, "noCountry");
  }

  function fetchCases(pages) {
    var sections = new Array(pages.length);
    var next = 0;
    function worker() {
      if (next >= pages.length) return Promise.resolve();
      var i = next++;
      return fetch(C.resultUrl(pages[i], config.root))
        .then(function (response) { return response.text(); })
        .then(function (html) {
          sections[i] = section(html, i);
          return worker();
        });
    }
    var workers = [];
    for (var w = 0; w < 6; w++) workers.push(worker());
    return Promise.all(workers).then(function () { return sections; });
  }

  var counted = data.counted.map(function (pair) { return pair[0]; });
  Promise.all([finder.search(state), finder.count(state, counted.concat(["countries"]))]).then(function (answers) {
    var found = { results: answers[0], within: answers[1].within };
    var chosen = found.results.slice(0, data.limit);
    return Promise.all(chosen.map(function (r) { return r.data(); })).then(function (pages) {
      return fetchCases(pages).then(function (blocks) {
        var description = describe();
        var total = found.results.length;
        document.title = C.say(M, "briefing", { description: description });
        byId("briefing-title").textContent = description;
        byId("briefing-count").textContent = total > chosen.length ? C.say(M, "firstInPack", { cases: C.plural(M, total), count: chosen.length }) : C.plural(M, total);
        var contents = pages.map(function (page, i) {
          return el("li", {}, [el("a", { href: "#" + blocks[i].id, text: C.isolate(page.meta.title) })]);
        });
        contents.push(el("li", {}, [el("a", { href: "#selection", text: C.say(M, "selection") })]));
        contents.push(el("li", {}, [el("a", { href: "#characteristics", text: C.say(M, "checklist") })]));
        byId("briefing-contents").replaceChildren.apply(byId("briefing-contents"), contents);
        var cases = byId("briefing-cases");
        cases.replaceChildren.apply(cases, blocks.length ? blocks : [el("p", { text: C.say(M, "noMatch") })]);
        if (total > chosen.length) {
          cases.insertBefore(el("p", { class: "note", text: C.say(M, "tooMany", { count: total, limit: data.limit }) }), cases.firstChild);
        }
        byId("briefing-counts").replaceChildren.apply(byId("briefing-counts"), countTables(found.within));
        drawMap(found.within.countries || {});
        document.body.setAttribute("data-ready", "true");
      });
    });
  }).catch(function (error) {
    byId("briefing-cases").replaceChildren(el("p", { text: C.say(M, "notAssembled", { error: error.message }) }));
    document.body.setAttribute("data-ready", "error");
  });
})();
