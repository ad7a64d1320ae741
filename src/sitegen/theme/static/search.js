/* Search over window.SITEGEN_SEARCH (loaded by search-index.js before this file).
 *
 * Works from file:// and over http: no fetch, no modules. Matching ignores case and
 * diacritics ("lodz" finds "Łódź") and matches word starts ("kazach" finds
 * "Kazachstanu"). Results are built with DOM methods only: indexed text is never
 * parsed as HTML.
 */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var docs = window.SITEGEN_SEARCH || [];
  var lang = document.documentElement.lang || "en";
  var plural = new Intl.PluralRules(lang);
  var SNIPPET_RADIUS = 90;
  var MAX_RESULTS = 100;
  // Letters that NFD does not decompose into a base letter and a mark.
  var EXTRA_FOLDS = { "ł": "l", "đ": "d", "ø": "o", "ß": "s", "æ": "a", "œ": "o", "ı": "i" };

  /* Fold case and diacritics one UTF-16 unit at a time, so positions in the
     folded text are positions in the original (needed for highlighting). */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var lower = text.charAt(i).toLowerCase();
      var base = EXTRA_FOLDS[lower] || lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length === 1 ? base : (lower.length === 1 ? lower : text.charAt(i));
    }
    return out;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function tokenize(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (token) { return token.length > 0; });
  }

  /* A regular expression finding each token at the start of a word. */
  function wordStart(token) {
    return new RegExp("(^|[^\\p{L}\\p{N}])(" + escapeRegExp(token) + ")", "gu");
  }

  var prepared = docs.map(function (doc) {
    return {
      doc: doc,
      title: fold(doc.t),
      entities: fold(doc.e.join(" · ")),
      summary: fold(doc.s),
      body: fold(doc.b)
    };
  });

  function firstHit(folded, pattern) {
    pattern.lastIndex = 0;
    var match = pattern.exec(folded);
    return match ? match.index + match[1].length : -1;
  }

  function score(item, patterns) {
    var total = 0;
    for (var i = 0; i < patterns.length; i++) {
      var p = patterns[i];
      var points = (firstHit(item.title, p) >= 0 ? 10 : 0) + (firstHit(item.entities, p) >= 0 ? 6 : 0) +
        (firstHit(item.summary, p) >= 0 ? 4 : 0) + (firstHit(item.body, p) >= 0 ? 1 : 0);
      if (points === 0) { return 0; }  // every word must occur somewhere
      total += points;
    }
    return total;
  }

  /* Append `text` to `parent`, wrapping each token hit in <mark>. */
  function appendHighlighted(parent, text, patterns) {
    var folded = fold(text);
    var marks = [];
    patterns.forEach(function (p) {
      p.lastIndex = 0;
      var match;
      while ((match = p.exec(folded)) !== null) {
        var start = match.index + match[1].length;
        marks.push([start, start + match[2].length]);
        if (match[0].length === 0) { p.lastIndex++; }
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    marks.forEach(function (range) {
      if (range[0] < position) { return; }
      parent.appendChild(document.createTextNode(text.slice(position, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      parent.appendChild(mark);
      position = range[1];
    });
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function snippet(item, patterns) {
    var sources = [[item.body, item.doc.b], [item.summary, item.doc.s]];
    for (var s = 0; s < sources.length; s++) {
      for (var i = 0; i < patterns.length; i++) {
        var at = firstHit(sources[s][0], patterns[i]);
        if (at >= 0) {
          var text = sources[s][1];
          var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - SNIPPET_RADIUS)) + 1);
          var end = text.indexOf(" ", Math.min(text.length, at + SNIPPET_RADIUS));
          end = end < 0 ? text.length : end;
          return (start > 0 ? "… " : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? " …" : "");
        }
      }
    }
    return item.doc.s;
  }

  function countText(n) {
    var template = form.getAttribute("data-results-" + plural.select(n)) || form.getAttribute("data-results-other");
    return template.replace("{n}", n.toLocaleString(lang));
  }

  function render(results, patterns) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    results.slice(0, MAX_RESULTS).forEach(function (item) {
      var li = document.createElement("li");
      var article = document.createElement("article");
      article.className = "card";
      var heading = document.createElement("h2");
      heading.className = "card__title";
      var link = document.createElement("a");
      link.href = item.doc.u;
      link.lang = item.doc.l;  // titles and texts keep their own language
      appendHighlighted(link, item.doc.t, patterns);
      heading.appendChild(link);
      article.appendChild(heading);
      var meta = document.createElement("p");
      meta.className = "card__meta";
      meta.textContent = item.doc.d;
      article.appendChild(meta);
      var text = document.createElement("p");
      text.className = "card__summary";
      text.lang = item.doc.l;
      appendHighlighted(text, snippet(item, patterns), patterns);
      article.appendChild(text);
      li.appendChild(article);
      list.appendChild(li);
    });
  }

  function run() {
    var filters = {
      lang: form.elements.lang.value,
      country: form.elements.country.value,
      year: form.elements.year.value
    };
    var tokens = tokenize(input.value);
    var filtered = filters.lang || filters.country || filters.year;
    if (tokens.length === 0 && !filtered) {
      render([], []);
      status.textContent = form.getAttribute("data-empty");
      return;
    }
    var patterns = tokens.map(wordStart);
    var results = prepared.filter(function (item) {
      return (!filters.lang || item.doc.l === filters.lang) &&
        (!filters.country || item.doc.c.indexOf(filters.country) >= 0) &&
        (!filters.year || item.doc.y === filters.year);
    }).map(function (item) {
      return { item: item, score: tokens.length ? score(item, patterns) : 1 };
    }).filter(function (entry) {
      return entry.score > 0;
    }).sort(function (a, b) {
      return b.score - a.score || (b.item.doc.y > a.item.doc.y ? 1 : b.item.doc.y < a.item.doc.y ? -1 : 0);
    }).map(function (entry) { return entry.item; });
    render(results, patterns);
    status.textContent = results.length ? countText(results.length) : form.getAttribute("data-none");
  }

  function remember() {
    var params = new URLSearchParams();
    ["q", "lang", "country", "year"].forEach(function (name) {
      var value = form.elements[name].value;
      if (value) { params.set(name, value); }
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (error) {
      // Some browsers refuse to change file:// URLs; searching still works.
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    ["q", "lang", "country", "year"].forEach(function (name) {
      if (params.has(name)) { form.elements[name].value = params.get(name); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
    remember();
  });
  form.addEventListener("input", function () { run(); remember(); });
  // The query box is handled on "input": re-running on its "change" (when it loses
  // focus) would rebuild the results under a pointer that is clicking one of them.
  form.addEventListener("change", function (event) {
    if (event.target !== input) { run(); remember(); }
  });
  restore();
  run();
}());
