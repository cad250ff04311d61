// Casebook's search, shared by the header's search box, the catalogue and its briefing.
//
// The same index (Pagefind, built with the site) and one selection: a query parameter per facet
// (repeated or comma-separated: any of its terms matches), `q` for words, `sort` for the order.
// Cases must match every facet given. The index is fetched in parts, on first use only: no page
// downloads anything that grows with the corpus when it loads.
//
// A page in another language than the default searches that language's index, with the default
// language's merged into it, which holds every case as written (search_index.py); the originals
// of the cases translated into the page's language are left out, as their translations stand for them.
window.Casebook = (function () {
  "use strict";

  var modules = {};

  // Pagefind's module for the index at `url` (its folder, relative to the page), with the index at
  // `merge` merged into it, imported once per `role`. Each import of the module has its own worker:
  // counting, slow on a big index, runs in one while queries are answered in the other. The merged
  // bundle has one language's index, which Pagefind takes; it searches it with the word rules of
  // the page's language, which is why its documents also carry the names that each language gives
  // to where a case is filed (Renderer.search_document).
  function pagefind(url, role, merge) {
    var address = new URL(url, location.href).href + "pagefind.js" + (role ? "?" + role : "");
    if (!modules[address]) {
      modules[address] = import(address).then(function (pf) {
        return pf.options({ excerptLength: 24 }).then(function () {
          return merge ? pf.mergeIndex(new URL(merge, location.href).href, { excerptLength: 24 }) : null;
        }).then(function () { return pf; });
      });
    }
    return modules[address];
  }

  // The filters every search of a page in `language` starts from: with the default language's
  // index merged in (`merge`), the originals of the cases translated into `language` left out.
  function ownFilters(language, merge) {
    return merge ? { translated: { none: [language] } } : {};
  }

  // A result's address: its page's, from the site's root (meta `url`, see search_index.py), which
  // the page knows the way to.
  function resultUrl(data, root) {
    return new URL((data.meta.url || data.url).replace(/^\//, ""), new URL(root, location.href)).href;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // A message of the page's language (render/browser.py), its `%(name)s` placeholders filled.
  function say(messages, key, values) {
    var message = messages[key];
    if (typeof message === "object") {
      message = message[new Intl.PluralRules(document.documentElement.lang || "en").select(values.count)] || message.other;
    }
    return String(message).replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }

  // Items as a list in the page's language, by its CLDR patterns (render/browser.py, writing.py),
  // as the build joins them: "A, B and C", "A、B和C".
  function list(messages, items, style) {
    var p = messages.lists[style || "standard"];
    if (items.length < 2) return items.length ? String(items[0]) : "";
    if (items.length === 2) return fill(p["2"], items[0], items[1]);
    var text = fill(p.end, items[items.length - 2], items[items.length - 1]);
    for (var i = items.length - 3; i > 0; i--) text = fill(p.middle, items[i], text);
    return fill(p.start, items[0], text);
  }

  // Text set amid the page's words that runs against the page's direction (a partner's English name
  // in an Arabic page), between Unicode's first-strong isolate and its end, as writing.isolate does
  // in the build: it keeps its own direction, and its punctuation stays where it belongs.
  var RTL_LETTER = /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
  var LTR_LETTER = /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}])\p{L}/u;
  var ISOLATED = /[\u2066-\u2068][^\u2069]*\u2069/g;
  function isolate(text) {
    text = String(text);
    var against = document.documentElement.dir === "rtl" ? LTR_LETTER : RTL_LETTER;
    return against.test(text.replace(ISOLATED, "")) ? "\u2068" + text + "\u2069" : text;
  }

  function fill(pattern, first, second) {
    return pattern.replace("{0}", function () { return first; }).replace("{1}", function () { return second; });
  }

  function plural(messages, n, key) {
    return say(messages, key || "cases", { count: n });
  }

  // The selection of the catalogue and its briefing, over the facets that the page's configuration
  // (written by the build: render/site.py, finder_config) lists.
  function Finder(config) {
    var self = this;
    this.config = within(config, ["index", "merge", "root"]);
    this.facets = config.facets;
    this.byName = {};
    this.values = {};
    this.labels = {};
    this.facets.forEach(function (facet) {
      self.byName[facet.name] = facet;
      self.values[facet.name] = {};
      self.labels[facet.name] = {};
      facet.terms.forEach(function (term) { self.learn(facet, term[0], term[1]); });
    });
  }

  // A labelled facet's values carry their term's name ("unicef|UNICEF"); others are the term's id.
  Finder.prototype.learn = function (facet, value, label) {
    var id = value;
    if (facet.labelled) {
      var bar = value.indexOf("|");
      id = value.slice(0, bar);
      label = label || value.slice(bar + 1);
    }
    this.values[facet.name][id] = value;
    if (label) this.labels[facet.name][id] = label;
    return id;
  };

  Finder.prototype.label = function (facet, id) {
    return this.labels[facet][id] || id;
  };

  // Two instances of the index: one answers queries; the other counts, in a worker of its own, and
  // loads the filters of the facets it counts, which makes each of its searches slower. Both fetch
  // the same files, which the browser downloads once.
  Finder.prototype.index = function () {
    return pagefind(this.config.index, "", this.config.merge);
  };

  Finder.prototype.countingIndex = function () {
    return pagefind(this.config.index, "counting", this.config.merge);
  };

  // Every value of these facets (a labelled facet's values carry names that no page lists).
  Finder.prototype.learnValues = function (names) {
    var self = this;
    var filters = ownFilters(this.config.language, this.config.merge);
    names.forEach(function (name) { filters[name] = { none: [] }; }); // loads the facet's filters, excludes nothing
    return this.countingIndex().then(function (pf) {
      return pf.search(self.config.allCases, { filters: filters });
    }).then(function (response) {
      names.forEach(function (name) {
        Object.keys(response.filters[name] || {}).forEach(function (value) { self.learn(self.byName[name], value); });
      });
    });
  };

  Finder.prototype.read = function (search) {
    var params = new URLSearchParams(search);
    var state = { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", terms: {} };
    this.facets.forEach(function (facet) {
      var terms = [];
      params.getAll(facet.name).forEach(function (value) {
        value.split(",").forEach(function (term) {
          term = term.trim();
          if (term && terms.indexOf(term) < 0) terms.push(term);
        });
      });
      state.terms[facet.name] = terms;
    });
    return state;
  };

  Finder.prototype.write = function (state) {
    var params = new URLSearchParams();
    this.facets.forEach(function (facet) {
      if (state.terms[facet.name].length) params.set(facet.name, state.terms[facet.name].join(","));
    });
    if (state.q) params.set("q", state.q);
    if (state.sort && state.sort !== this.defaultSort(state)) params.set("sort", state.sort);
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  };

  Finder.prototype.defaultSort = function (state) {
    return state.q ? "relevance" : "title";
  };

  Finder.prototype.isEmpty = function (state) {
    var self = this;
    return !state.q && this.facets.every(function (f) { return !state.terms[f.name].length; }) &&
      (!state.sort || state.sort === self.defaultSort(state));
  };

  Finder.prototype.filters = function (state, except) {
    var self = this;
    var filters = Object.assign({ kind: "case" }, ownFilters(this.config.language, this.config.merge));
    this.facets.forEach(function (facet) {
      var ids = state.terms[facet.name];
      if (facet.name === except || !ids.length) return;
      // A term the index does not know matches no case, as a filter on it should.
      filters[facet.name] = { any: ids.map(function (id) { return self.values[facet.name][id] || "\u0000" + id; }) };
    });
    return filters;
  };

  Finder.prototype.sortOption = function (state) {
    var sort = state.sort || this.defaultSort(state);
    if (sort === "relevance" && !state.q) sort = "title";
    return { relevance: {}, title: { title: "asc" }, start: { start: "desc" }, added: { added: "desc" } }[sort] || { title: "asc" };
  };

  // The cases that match `state`, in order (Pagefind's results). Without words, every case's word
  // (config.allCases) stands in: a search without any word would fetch the whole index.
  //
  // Pagefind sorts by a key within each index, not across merged ones: in a language with case
  // translations, the cases in the page's language come first, then the others, each in order.
  // By relevance, it ranks the results of both together.
  Finder.prototype.search = function (state) {
    var self = this;
    var unknown = this.facets.filter(function (f) {
      return f.labelled && state.terms[f.name].some(function (id) { return !self.values[f.name][id]; });
    });
    var ready = unknown.length ? this.learnValues(unknown.map(function (f) { return f.name; })) : Promise.resolve();
    return Promise.all([this.index(), ready]).then(function (found) {
      var pf = found[0], term = state.q || self.config.allCases, filters = self.filters(state), sort = self.sortOption(state);
      if (!self.config.translations || !Object.keys(sort).length) {
        return pf.search(term, { filters: filters, sort: sort }).then(function (response) { return response.results; });
      }
      var own = { language: self.config.language }, others = { language: { none: [self.config.language] } };
      return Promise.all([
        pf.search(term, { filters: Object.assign({}, filters, own), sort: sort }),
        pf.search(term, { filters: Object.assign({}, filters, others), sort: sort }),
      ]).then(function (both) { return both[0].results.concat(both[1].results); });
    });
  };

  // How many cases each term of the facets `names` would give: {counts, within}. `counts` (facet ->
  // value -> n) are those of the selection without the facet's own terms, so that a reader sees
  // what each other term of it would add; `within`, among the selected cases. One search per facet
  // with terms chosen, one after the other: `current()` turning false (a newer selection) stops them.
  Finder.prototype.count = function (state, names, current) {
    var self = this;
    current = current || function () { return true; };
    var term = state.q || this.config.allCases;
    function withCounted(filters) {
      names.forEach(function (name) { if (!filters[name]) filters[name] = { none: [] }; });
      return filters;
    }
    return this.countingIndex().then(function (pf) {
      return pf.search(term, { filters: withCounted(self.filters(state)) }).then(function (response) {
        var counts = {};
        names.forEach(function (name) { counts[name] = response.filters[name] || {}; });
        var selected = names.filter(function (name) { return state.terms[name].length; });
        return selected.reduce(function (done, name) {
          return done.then(function () {
            if (!current()) return null;
            return pf.search(term, { filters: withCounted(self.filters(state, name)) }).then(function (other) {
              counts[name] = other.filters[name] || {};
            });
          });
        }, Promise.resolve()).then(function () {
          if (!current()) return null;
          names.forEach(function (name) {
            Object.keys(counts[name]).forEach(function (value) { self.learn(self.byName[name], value); });
          });
          return { counts: counts, within: response.filters };
        });
      });
    });
  };

  // `config` with its addresses (relative to the page, as the build writes them) made whole: with
  // the theme's instant loading, the address changes under a script that is still working.
  function within(config, keys) {
    var found = Object.assign({}, config);
    keys.forEach(function (key) {
      if (found[key]) found[key] = new URL(found[key], location.href).href;
    });
    return found;
  }

  // The header's search box: results as you type, from the same index; Enter opens the catalogue.
  // The header stays from one page to the next under instant loading: its addresses are made whole
  // once, against the page it came with.
  function headerSearch(box) {
    ["data-index", "data-merge", "data-root"].forEach(function (name) {
      if (box.hasAttribute(name)) box.setAttribute(name, new URL(box.getAttribute(name), location.href).href);
    });
    box.querySelector("form").setAttribute("action", new URL(box.querySelector("form").getAttribute("action"), location.href).href);
    var form = box.querySelector("form");
    var input = box.querySelector("input[type=search]");
    var panel = box.querySelector(".casebook-search__results");
    var status = box.querySelector("[role=status]");
    var count = panel.querySelector(".casebook-search__count");
    var list = panel.querySelector("ul");
    var more = panel.querySelector(".casebook-search__all a");
    var root = box.getAttribute("data-root");
    var merge = box.getAttribute("data-merge");
    var filters = ownFilters(box.getAttribute("data-language"), merge);
    var messages = JSON.parse(box.querySelector("script[type='application/json']").textContent);
    var asked = 0;
    var timer = null;

    function close() {
      panel.hidden = true;
    }

    function show(query) {
      var mine = ++asked;
      if (!query) { close(); return; }
      pagefind(box.getAttribute("data-index"), "", merge).then(function (pf) {
        return pf.search(query, { filters: filters });
      }).then(function (response) {
        if (mine !== asked) return null;
        return Promise.all(response.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (pages) {
          if (mine !== asked) return;
          list.replaceChildren.apply(list, pages.map(function (page) {
            var kind = (page.filters.kind || [])[0];
            // A result's title and words may be in another language than the page's (an English case
            // in an Arabic page): each in its own direction, isolated from the page's.
            var excerpt = el("span", { class: "casebook-search__excerpt", dir: "auto" });
            excerpt.innerHTML = page.excerpt; // Pagefind escapes the page's text and adds only <mark>
            return el("li", {}, [el("a", { href: highlighted(resultUrl(page, root), query) }, [
              el("span", { class: "casebook-search__kind", text: say(messages, kind === "case" || kind === "lesson" ? kind : "page") }),
              el("span", { class: "casebook-search__title", dir: "auto", text: page.meta.title || "" }), excerpt,
            ])]);
          }));
          var n = response.results.length;
          count.textContent = n ? say(messages, n > 6 ? "firstSix" : "allResults", { results: plural(messages, n, "results") }) : say(messages, "noResult");
          more.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
          panel.hidden = false;
          status.textContent = count.textContent;
        });
      }).catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { show(input.value.trim()); }, 80);
    });
    input.addEventListener("focus", function () { pagefind(box.getAttribute("data-index"), "", merge); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !panel.hidden) {
        var first = panel.querySelector("a");
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape") {
        close();
      }
    });
    panel.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
      else if (event.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) close();
    });
  }

  // A result's address with the words to mark there, where the site turns on `search.highlight`.
  function highlighted(url, words) {
    var config = document.getElementById("__config");
    if (!words || !config || JSON.parse(config.textContent).features.indexOf("search.highlight") < 0) return url;
    var address = new URL(url);
    address.searchParams.set("h", words);
    return address.href;
  }

  // `start` on every page the reader sees. With the theme's instant loading (`navigation.instant`)
  // a link replaces the page's content without loading the page, and the theme's `document$`
  // tells of each new one (Material's "Additional JavaScript"); without it, or outside the theme's
  // pages (a briefing), the page is loaded once.
  function onPage(start) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(function () { start(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { start(); });
    } else {
      start();
    }
  }

  // A part of a page that has its own script (the catalogue's finder): an element that names it
  // (`data-casebook-part`) and its script (`data-casebook-script`), fetched the first time a page
  // has one, and started on each page that has one. The script registers itself in `parts`.
  var parts = {};
  var scripts = {};
  function startParts() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-casebook-part]"), function (node) {
      if (node.hasAttribute("data-casebook-started")) return;
      node.setAttribute("data-casebook-started", "");
      var name = node.getAttribute("data-casebook-part");
      var src = new URL(node.getAttribute("data-casebook-script"), location.href).href;
      if (!scripts[src]) {
        scripts[src] = new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        });
      }
      scripts[src].then(function () { if (parts[name] && node.isConnected) parts[name](node); });
    });
  }

  // The theme keeps the header from one page to the next: the switcher's links are the new page's
  // copy (theme/casebook/page-languages.html), and a page of another language is loaded whole,
  // since the header, `<html lang>` and `dir` are its language's.
  function followLanguage() {
    var copy = document.getElementById("casebook-page-languages");
    if (!copy) return;
    if (copy.getAttribute("data-language") !== document.documentElement.lang) {
      location.reload();
      return;
    }
    var list = document.querySelector(".casebook-languages .md-select__list");
    if (list) list.replaceChildren(copy.content.cloneNode(true));
  }

  // The words of a search, marked in the page it opened (the theme's `search.highlight`, which
  // needs the theme's own search): `h` in the address, as the theme's results give it.
  function highlight() {
    var config = document.getElementById("__config");
    var words = new URL(location.href).searchParams.get("h");
    if (!config || !words || JSON.parse(config.textContent).features.indexOf("search.highlight") < 0) return;
    var article = document.querySelector("article");
    var terms = words.split(/\s+/).filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!article || !terms.length) return;
    var pattern = new RegExp("(" + terms.join("|") + ")", "giu");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) if (!walker.currentNode.parentNode.closest("mark, script, style")) texts.push(walker.currentNode);
    texts.forEach(function (text) {
      var pieces = text.nodeValue.split(pattern);
      if (pieces.length < 2) return;
      text.replaceWith.apply(text, pieces.map(function (piece, i) {
        return i % 2 ? el("mark", { "data-md-highlight": "", text: piece }) : document.createTextNode(piece);
      }));
    });
  }

  // The header stays from one page to the next under instant loading: set up once.
  Array.prototype.forEach.call(document.querySelectorAll("[data-casebook-search]"), headerSearch);
  onPage(function () {
    followLanguage();
    startParts();
    highlight();
  });

  return { Finder: Finder, pagefind: pagefind, resultUrl: resultUrl, el: el, plural: plural, say: say, onPage: onPage, parts: parts, highlighted: highlighted, list: list, isolate: isolate };
})();
