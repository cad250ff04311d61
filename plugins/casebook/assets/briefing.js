// The briefing of a catalogue filter, built in the browser: reads the selection from the address,
// takes the matching cases from cases.json and lays them out as the printed pack does.
(function () {
  "use strict";
  var S = window.CasebookSelection;
  var data = JSON.parse(document.getElementById("briefing-data").textContent);
  var state = S.read(location.search);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function label(facet, id) {
    return (data.labels[facet] || {})[id] || id;
  }

  function termsOf(c) {
    return {
      purposes: c.purposes, sectors: c.sectors, regions: c.all_regions, countries: c.countries,
      partners: c.partners.map(function (p) { return data.partners[p.name]; }),
      partner_types: c.partners.map(function (p) { return p.type; }),
      scale: [c.scale], status: c.status ? [c.status] : [], lessons: c.lessons,
    };
  }

  function textOf(c) {
    var names = c.partners.map(function (p) { return p.name; });
    var countries = c.countries.map(function (code) { return label("countries", code); });
    return S.fold([c.title, c.summary].concat(names, countries).join(" "));
  }

  function describe() {
    var names = { purposes: "Purposes", sectors: "Sectors", regions: "Regions", countries: "Countries", partners: "Partners",
      partner_types: "Partner types", scale: "Scale", status: "Status", lessons: "Lessons" };
    var parts = S.FACETS.filter(function (f) { return state[f].length; }).map(function (f) {
      return names[f] + ": " + state[f].map(function (id) {
        return f === "lessons" ? ((data.lessons[id] || {}).title || id) : f === "partners" ? partnerName(id) : label(f, id);
      }).join(", ");
    });
    if (state.q) parts.push('text "' + state.q + '"');
    return parts.join("; ") || "All cases";
  }

  function partnerName(slug) {
    return Object.keys(data.partners).filter(function (name) { return data.partners[name] === slug; })[0] || slug;
  }

  function row(heading, value) {
    return el("tr", {}, [el("th", { scope: "row" }, [heading]), el("td", {}, [value])]);
  }

  function number(n) {
    return Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function section(c) {
    var facts = el("table", { class: "facts" }, [
      row("Partners", c.partners.map(function (p) { return p.name + " (" + label("partner_types", p.type) + ")"; }).join("; ")),
    ]);
    [["purposes", "Purposes", c.purposes], ["sectors", "Sectors", c.sectors], ["regions", "Regions", c.all_regions], ["countries", "Countries", c.countries]]
      .forEach(function (f) { if (f[2].length) facts.appendChild(row(f[1], f[2].map(function (id) { return label(f[0], id); }).join(", "))); });
    facts.appendChild(row("Scale", label("scale", c.scale)));
    c.resources.forEach(function (r, i) {
      facts.appendChild(row(i ? "" : "Resources", r.currency + " " + number(r.amount) + (r.note ? " – " + r.note : "")));
    });
    if (c.source) facts.appendChild(row("Source", c.source.document + (c.source.paragraphs.length ? ", paragraphs " + c.source.paragraphs.join(", ") : "")));
    var parts = [el("h2", {}, [c.title]), el("p", { class: "summary" }, [c.summary]), facts];
    if (c.results.length) {
      parts.push(el("h3", {}, ["Results"]), el("ul", {}, c.results.map(function (r) { return el("li", {}, [r]); })));
    }
    if (c.lessons.length) {
      parts.push(el("h3", {}, ["Lessons"]), el("ul", {}, c.lessons.map(function (id) {
        var lesson = data.lessons[id] || { title: id, summary: "" };
        return el("li", {}, [el("strong", {}, [lesson.title + "."]), " " + lesson.summary]);
      })));
    }
    return el("section", { class: "case", id: "case-" + c.slug }, parts);
  }

  function counts(cases) {
    return [["purposes", "Purpose", "purposes"], ["sectors", "Sector", "sectors"], ["regions", "Region", "all_regions"]].map(function (f) {
      var table = el("table", { class: "counts" }, [el("caption", {}, [f[1]])]);
      Object.keys(data.labels[f[0]]).forEach(function (id) {
        var n = cases.filter(function (c) { return c[f[2]].indexOf(id) >= 0; }).length;
        if (n) table.appendChild(el("tr", {}, [el("td", {}, [label(f[0], id)]), el("td", { class: "n" }, [String(n)])]));
      });
      return table;
    });
  }

  fetch(data.cases).then(function (response) { return response.json(); }).then(function (all) {
    var cases = all.cases.filter(function (c) { return S.matches(termsOf(c), textOf(c), state); });
    cases.sort(function (a, b) { return a.title.localeCompare(b.title); });
    var description = describe();
    document.title = "Briefing: " + description;
    document.getElementById("briefing-title").textContent = description;
    document.getElementById("briefing-count").textContent = cases.length + (cases.length === 1 ? " case" : " cases");
    document.getElementById("briefing-contents").replaceChildren.apply(
      document.getElementById("briefing-contents"),
      cases.map(function (c) { return el("li", {}, [el("a", { href: "#case-" + c.slug }, [c.title])]); }).concat([
        el("li", {}, [el("a", { href: "#selection" }, ["The selection by purpose, sector and region"])]),
        el("li", {}, [el("a", { href: "#characteristics" }, ["Characteristics of successful partnerships: a checklist"])]),
      ]));
    var container = document.getElementById("briefing-cases");
    container.replaceChildren.apply(container, cases.length ? cases.map(section) : [el("p", {}, ["No case matches this selection."])]);
    var countsBox = document.getElementById("briefing-counts");
    countsBox.replaceChildren.apply(countsBox, counts(cases));
    document.body.setAttribute("data-ready", "true");
  });
})();
