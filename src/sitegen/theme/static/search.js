/* Search over the sharded index in search/ (written by sitegen/outputs/search/index.py).
 *
 * Works from file:// and over http: every index file is a classic script, inserted as a
 * <script> element only when a query needs it, that hands its data to sitegenSearchData.
 * The build did the linguistics (lemmas, stems, every case form of a word, every name of
 * an entity in three languages); here the query is only folded, as analysis.fold does,
 * and looked up. Results are built with DOM methods only: indexed text is never parsed
 * as HTML.
 */
(function () {
  "use strict";

  var manifest = window.SITEGEN_SEARCH_MANIFEST;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var facetBox = document.getElementById("search-facets");
  var lang = document.documentElement.lang || "en";
  var base = document.getElementById("search-manifest").getAttribute("src").replace(/manifest\.js$/, "");
  var iface = manifest.interfaces[lang] || manifest.interfaces[Object.keys(manifest.interfaces)[0]];
  var plural = new Intl.PluralRules(lang);

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 100;
  var MIN_PREFIX = 3;          // a word being typed matches as a prefix from this length
  var MAX_PREFIX_SHARDS = 6;   // ...within at most this many shards
  var SHOWN_VALUES = 8;        // facet values listed before "show all"
  var SNIPPET_BEFORE = 60;     // characters of context before the first hit...
  var SNIPPET_AFTER = 160;     // ...and after it
  var ENTITY_WEIGHT = 10;      // an entity match counts like a word in the title
  var FACETS = ["country", "person", "organization", "place", "topic", "publisher", "language"];
  // The address names a facet as the facet itself, except the language: "lang", as before.
  function paramOf(facet) { return facet === "language" ? "lang" : facet; }
  function facetOf(param) { return param === "lang" ? "language" : param; }
  var EXTRA_FOLDS = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i" };
  var WORD = /[\p{L}\p{N}]+/gu;

  /* ---------- Text: the same folding and word splitting as analysis.py ---------- */

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[łđøßæœı]/g, function (c) { return EXTRA_FOLDS[c]; });
  }

  function words(text) {
    return text.normalize("NFC").match(WORD) || [];
  }

  /* ---------- Loading index files as scripts ---------- */

  var received = {};
  var loading = {};
  window.sitegenSearchData = function (key, value) { received[key] = value; };

  function load(key, path) {
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + path;
        script.onload = function () {
          if (key in received) { resolve(received[key]); } else { reject(new Error(path)); }
        };
        script.onerror = function () { delete loading[key]; reject(new Error(path)); };
        document.head.appendChild(script);
      });
    }
    return loading[key];
  }

  function termShard(n) { return load("t" + n, "terms/" + n + "." + manifest.terms[n] + ".js"); }
  function phraseShard(n) { return load("x" + n, "phrases/" + n + "." + manifest.phrases[n] + ".js"); }
  function docBlock(n) { return load("d" + lang + n, lang + "/docs/" + n + ".js?v=" + iface.docs.version); }
  function entityBlock(n) {
    return load("e" + lang + n, lang + "/entities/" + n + ".js?v=" + iface.entities.version);
  }
  function docText(stem) {
    return load("s" + stem.slice(0, stem.lastIndexOf(".")), "text/" + stem + ".js");
  }

  /* The shard holding a string: the last boundary not after it (JavaScript's < is UTF-16
     order, the build's order too). */
  function shardOf(text) {
    var low = 0;
    var high = manifest.keys.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (manifest.keys[middle] <= text) { low = middle; } else { high = middle - 1; }
    }
    return low;
  }

  function shardsOfPrefix(prefix) {
    var first = shardOf(prefix);
    var last = shardOf(prefix + "\uffff");
    var shards = [];
    for (var n = first; n <= last; n++) { shards.push(n); }
    return shards;
  }

  /* Load the numbered files (shards, blocks) each once; their values by number. */
  function loadEach(numbers, loader) {
    var unique = numbers.filter(function (n, i) { return numbers.indexOf(n) === i; });
    return Promise.all(unique.map(loader)).then(function (values) {
      var byNumber = {};
      unique.forEach(function (n, i) { byNumber[n] = values[i]; });
      return byNumber;
    });
  }

  /* ---------- Facets: labels, links and postings of one interface ---------- */

  var facetsPromise = null;

  /* Facet postings come as gaps, or as a base64 bitset when that is shorter. */
  function decodePostings(value) {
    if (typeof value !== "string") { return decodeGaps(value); }
    var bytes = atob(value);
    var ids = [];
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes.charCodeAt(i);
      for (var bit = 0; byte; bit++, byte >>= 1) {
        if (byte & 1) { ids.push(i * 8 + bit); }
      }
    }
    return Int32Array.from(ids);
  }

  function decodeGaps(gaps) {
    var out = new Int32Array(gaps.length);
    var value = 0;
    for (var i = 0; i < gaps.length; i++) { value += gaps[i]; out[i] = value; }
    return out;
  }

  function entityValue(row) {
    return { id: row[0], facet: row[1], label: row[2], href: row[3], docs: decodePostings(row[4]) };
  }

  /* The entities a query names, by number, from their blocks: the facet file is not needed. */
  function entitiesNamed(numbers) {
    var size = manifest.entityBlock;
    var blocks = numbers.map(function (n) { return Math.floor(n / size); });
    return loadEach(blocks, entityBlock).then(function (loaded) {
      var values = {};
      numbers.forEach(function (n) { values[n] = entityValue(loaded[Math.floor(n / size)][n % size]); });
      return values;
    });
  }

  function facetData() {
    if (!facetsPromise) {
      facetsPromise = load("f" + lang, lang + "/facets." + iface.facets + ".js").then(function (raw) {
        var data = { values: {}, dates: decodeGaps(raw.dates) };
        FACETS.forEach(function (facet) { data.values[facet] = []; });
        raw.entities.forEach(function (row) {
          data.values[row[1]].push(entityValue(row));
        });
        [["publisher", raw.publishers], ["language", raw.languages]].forEach(function (pair) {
          pair[1].forEach(function (row) {
            data.values[pair[0]].push({ id: row[0], facet: pair[0], label: row[1], docs: decodePostings(row[2]) });
          });
        });
        return data;
      }, function (error) {
        facetsPromise = null;  // the next query tries again
        throw error;
      });
    }
    return facetsPromise;
  }

  /* ---------- The query ---------- */

  /* Clauses of a query: each plain word, and each "quoted phrase", must match. */
  function parseQuery(text) {
    var clauses = [];
    text.split('"').forEach(function (part, index) {
      var found = words(part).map(fold);
      if (index % 2 === 1 && found.length > 1) {
        clauses.push({ words: found, phrase: true });
      } else {
        found.forEach(function (word) { clauses.push({ words: [word], phrase: false }); });
      }
    });
    var last = clauses[clauses.length - 1];
    // The last word is still being typed unless a space or a quote follows it.
    var typing = last && !last.phrase && /[\p{L}\p{N}]$/u.test(text) && last.words[0].length >= MIN_PREFIX;
    if (typing) { last.prefix = true; }
    return clauses;
  }

  /* The plain words from `start` on, up to the longest name: the runs that may name an entity. */
  function wordRun(clauses, start) {
    var run = [];
    for (var i = start; i < clauses.length && run.length < manifest.longestName && !clauses[i].phrase; i++) {
      run.push(clauses[i].words[0]);
    }
    return run;
  }

  /* Every run of words a query's names could be, so that their shards are loaded. */
  function nameCandidates(clauses) {
    var names = [];
    clauses.forEach(function (clause, start) {
      if (clause.phrase) { names.push(clause.words.join(" ")); return; }
      wordRun(clauses, start).forEach(function (word, i, run) { names.push(run.slice(0, i + 1).join(" ")); });
    });
    return names;
  }

  /* Join runs of plain words that together name an entity ("andrzej duda") into one clause. */
  function mergeNames(clauses, shards) {
    var merged = [];
    for (var start = 0; start < clauses.length; start++) {
      var clause = clauses[start];
      if (clause.phrase) {
        merged.push(withEntities(clause, clause.words.join(" "), shards));
        continue;
      }
      var run = wordRun(clauses, start);
      var length = run.length;
      while (length > 1 && !namedEntities(run.slice(0, length).join(" "), shards).length) { length--; }
      if (length === 1) {
        merged.push(withEntities(clause, clause.words[0], shards));
        if (clause.prefix) { addEntitiesBeginning(clause, shards); }
      } else {
        var named = run.slice(0, length);
        merged.push(withEntities({ words: named, phrase: false }, named.join(" "), shards));
        start += length - 1;
      }
    }
    return merged;
  }

  function namedEntities(name, shards) {
    var shard = shards[shardOf(name)];
    return (shard && shard.e[name]) || [];
  }

  function withEntities(clause, name, shards) {
    clause.entities = namedEntities(name, shards).slice();
    return clause;
  }

  /* A word being typed also matches the one-word names it begins ("kazach": Kazachstanu). */
  function addEntitiesBeginning(clause, shards) {
    var word = clause.words[0];
    shardsOfPrefix(word).forEach(function (n) {
      var names = shards[n] ? shards[n].e : {};
      Object.keys(names).forEach(function (name) {
        if (name.lastIndexOf(word, 0) === 0 && name.indexOf(" ") < 0) {
          names[name].forEach(function (number) {
            if (clause.entities.indexOf(number) < 0) { clause.entities.push(number); }
          });
        }
      });
    });
  }

  function termsOf(form, shards) {
    var shard = shards[shardOf(form)];
    if (!shard) { return []; }
    if (form in shard.f) { return shard.f[form]; }
    return form in shard.p ? [form] : [];
  }

  /* The terms a word of the query stands for; a word being typed also by the forms it begins. */
  function wordTerms(word, prefix, shards) {
    var terms = termsOf(word, shards).slice();
    var forms = [word];
    if (prefix) {
      shardsOfPrefix(word).forEach(function (n) {
        var shard = shards[n];
        if (!shard) { return; }
        [shard.f, shard.p].forEach(function (table) {
          Object.keys(table).forEach(function (form) {
            if (form.lastIndexOf(word, 0) === 0) {
              forms.push(form);
              termsOf(form, shards).forEach(function (term) { terms.push(term); });
            }
          });
        });
      });
    }
    return { terms: terms.filter(function (t, i) { return terms.indexOf(t) === i; }), forms: forms };
  }

  /* ---------- Matching ---------- */

  var postingCache = {};

  function postings(term, shards) {
    if (!postingCache[term]) {
      var raw = shards[shardOf(term)].p[term] || [];
      var docs = new Int32Array(raw.length / 2);
      var weights = new Uint8Array(raw.length / 2);
      var doc = 0;
      for (var i = 0; i < raw.length; i += 2) {
        doc += raw[i];
        docs[i / 2] = doc;
        weights[i / 2] = raw[i + 1];
      }
      postingCache[term] = { docs: docs, weights: weights };
    }
    return postingCache[term];
  }

  /* Score of each document for one word: its best term, weighted by rarity (0: absent). */
  function wordScores(terms, shards) {
    var scores = new Float64Array(manifest.docs);
    terms.forEach(function (term) {
      var list = postings(term, shards);
      var rarity = Math.log(1 + manifest.docs / Math.max(1, list.docs.length));
      for (var i = 0; i < list.docs.length; i++) {
        var w = list.weights[i];
        var score = rarity * w / (w + 3);
        if (score > scores[list.docs[i]]) { scores[list.docs[i]] = score; }
      }
    });
    return scores;
  }

  /* Positions of a term in each of its documents, from its phrase shard. */
  function positionsOf(term, shards, phraseShards) {
    var raw = phraseShards[shardOf(term)][term] || [];
    var docs = postings(term, shards).docs;
    var byDoc = {};
    var index = 0;
    for (var i = 0; i < docs.length; i++) {
      var count = raw[index];
      var found = [];
      var position = 0;
      for (var k = 1; k <= count; k++) { position += raw[index + k]; found.push(position); }
      byDoc[docs[i]] = found;
      index += count + 1;
    }
    return byDoc;
  }

  function phraseMatches(doc, wordPositions) {
    var starts = wordPositions[0](doc);
    for (var i = 0; i < starts.length; i++) {
      var ok = true;
      for (var k = 1; k < wordPositions.length && ok; k++) {
        ok = wordPositions[k](doc).indexOf(starts[i] + k) >= 0;
      }
      if (ok) { return true; }
    }
    return false;
  }

  function clauseScores(clause, resolved, shards, phraseShards, entities) {
    var perWord = clause.words.map(function (word, i) { return wordScores(resolved[i].terms, shards); });
    var scores = new Float64Array(manifest.docs);
    for (var doc = 0; doc < manifest.docs; doc++) {
      var total = 0;
      for (var i = 0; i < perWord.length && (i === 0 || total > 0); i++) {
        total = perWord[i][doc] > 0 ? total + perWord[i][doc] : 0;
      }
      scores[doc] = total;
    }
    if (clause.phrase) {
      var wordPositions = resolved.map(function (word) {
        var tables = word.terms.map(function (term) { return positionsOf(term, shards, phraseShards); });
        return function (d) {
          var all = [];
          tables.forEach(function (table) { if (table[d]) { all = all.concat(table[d]); } });
          return all;
        };
      });
      for (var d = 0; d < manifest.docs; d++) {
        if (scores[d] > 0 && !phraseMatches(d, wordPositions)) { scores[d] = 0; }
      }
    }
    clause.entities.forEach(function (number) {
      var docs = entities[number].docs;
      for (var i = 0; i < docs.length; i++) { scores[docs[i]] += ENTITY_WEIGHT; }
    });
    return scores;
  }

  /* ---------- State kept in the address ---------- */

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", sort: params.get("sort") || "", from: params.get("from") || "",
      to: params.get("to") || "", selected: {} };
    // Addresses from before facets: ?year=2018 is the range 2018–2018.
    if (params.get("year") && !state.from && !state.to) { state.from = state.to = params.get("year"); }
    FACETS.forEach(function (facet) {
      state.selected[facet] = params.getAll(paramOf(facet)).filter(function (v, i, all) { return v && all.indexOf(v) === i; });
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    ["q", "sort", "from", "to"].forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
    FACETS.forEach(function (facet) {
      state.selected[facet].forEach(function (value) { params.append(paramOf(facet), value); });
    });
    var query = params.toString();
    try {
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    } catch (error) {
      // Some browsers refuse to change file:// addresses; searching still works.
    }
  }

  /* "2018" → 20180101 (from) or 20181231 (to); "2018-06" likewise; null if not a date. */
  function dateBound(text, end) {
    var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!match) { return null; }
    var month = match[2] ? +match[2] : (end ? 12 : 1);
    var day = match[3] ? +match[3] : (end ? 31 : 1);
    return +match[1] * 10000 + month * 100 + day;
  }

  /* A date key with unknown parts (20180600) covers the whole month or year. */
  function overlaps(key, from, to) {
    if (!key) { return from === null && to === null; }
    var start = key % 100 ? key : (key % 10000 ? key + 1 : key + 101);
    var end = key % 100 ? key : (key % 10000 ? key + 31 : key + 1231);
    return (from === null || end >= from) && (to === null || start <= to);
  }

  /* ---------- Searching ---------- */

  function search(state) {
    var clauses = parseQuery(state.q);
    var needed = [];
    nameCandidates(clauses).forEach(function (name) { needed.push(shardOf(name)); });
    clauses.forEach(function (clause) {
      clause.words.forEach(function (word) {
        needed.push(shardOf(word));
        // A phrase's positions, most often in its words' own shards, come in the same round.
        if (clause.phrase) { phraseShard(shardOf(word)).catch(function () {}); }
      });
      if (clause.prefix) {
        var spread = shardsOfPrefix(clause.words[0]);
        if (spread.length <= MAX_PREFIX_SHARDS) { needed = needed.concat(spread); } else { clause.prefix = false; }
      }
    });
    return loadEach(needed, termShard).then(function (shards) {
      var merged = mergeNames(clauses, shards);
      var resolved = merged.map(function (clause) {
        return clause.words.map(function (word) { return wordTerms(word, clause.prefix, shards); });
      });
      var termNeeds = [];
      var phraseNeeds = [];
      var named = [];
      resolved.forEach(function (clauseWords, c) {
        named = named.concat(merged[c].entities);
        clauseWords.forEach(function (word) {
          word.terms.forEach(function (term) {
            termNeeds.push(shardOf(term));
            if (merged[c].phrase) { phraseNeeds.push(shardOf(term)); }
          });
        });
      });
      // The facet file (every value's articles, the dates) waits for the cards, unless a
      // filter or the date order needs it now.
      var filtered = state.sort === "date" || state.from || state.to ||
        FACETS.some(function (facet) { return state.selected[facet].length; });
      return Promise.all([
        loadEach(termNeeds, termShard),
        loadEach(phraseNeeds, phraseShard),
        entitiesNamed(named),
        filtered ? facetData() : null
      ]).then(function (more) {
        Object.keys(more[0]).forEach(function (n) { shards[n] = more[0][n]; });
        return rank(state, { clauses: merged, resolved: resolved, shards: shards, phrases: more[1],
          entities: more[2] }, more[3]);
      });
    });
  }

  /* The matching articles, best or newest first; `facets` only when a filter needs it. */
  function rank(state, result, facets) {
    var total = new Float64Array(manifest.docs);
    var alive = new Uint8Array(manifest.docs).fill(1);
    result.clauses.forEach(function (clause, c) {
      var scores = clauseScores(clause, result.resolved[c], result.shards, result.phrases, result.entities);
      for (var doc = 0; doc < manifest.docs; doc++) {
        if (scores[doc] > 0) { total[doc] += scores[doc]; } else { alive[doc] = 0; }
      }
    });
    FACETS.forEach(function (facet) {
      state.selected[facet].forEach(function (id) {
        var value = facets.values[facet].filter(function (v) { return v.id === id; })[0];
        var member = new Uint8Array(manifest.docs);
        if (value) { value.docs.forEach(function (doc) { member[doc] = 1; }); }
        for (var doc = 0; doc < manifest.docs; doc++) { alive[doc] &= member[doc]; }
      });
    });
    var from = dateBound(state.from, false);
    var to = dateBound(state.to, true);
    if (from !== null || to !== null) {
      for (var doc = 0; doc < manifest.docs; doc++) {
        if (alive[doc] && !overlaps(facets.dates[doc], from, to)) { alive[doc] = 0; }
      }
    }
    var ids = [];
    for (var d = 0; d < manifest.docs; d++) { if (alive[d]) { ids.push(d); } }
    // Newest first: ids follow the date, and the undated come after the dated ones.
    var newest = function (a, b) {
      return (a >= manifest.dated) - (b >= manifest.dated) || b - a;
    };
    var byRelevance = result.clauses.length && state.sort !== "date";
    ids.sort(byRelevance ? function (a, b) { return total[b] - total[a] || newest(a, b); } : newest);
    result.ids = ids;
    result.alive = alive;
    return result;
  }

  /* ---------- Showing results ---------- */

  function highlightForms(result) {
    var forms = {};
    var terms = {};
    result.resolved.forEach(function (clauseWords) {
      clauseWords.forEach(function (word) {
        word.forms.forEach(function (form) { forms[form] = true; });
        word.terms.forEach(function (term) { terms[term] = true; });
      });
    });
    // Every loaded form standing for a matched term: "bezpieczeństwa" lights up for "bezpieczeństwo".
    Object.keys(result.shards).forEach(function (n) {
      var shard = result.shards[n];
      Object.keys(shard.f).forEach(function (form) {
        if (shard.f[form].some(function (term) { return terms[term]; })) { forms[form] = true; }
      });
      Object.keys(shard.p).forEach(function (term) { if (terms[term]) { forms[term] = true; } });
      Object.keys(shard.e).forEach(function (name) {
        var matched = shard.e[name].some(function (number) {
          return result.clauses.some(function (clause) { return clause.entities.indexOf(number) >= 0; });
        });
        if (matched && name.indexOf(" ") < 0) { forms[name] = true; }
      });
    });
    return forms;
  }

  function appendHighlighted(parent, text, forms) {
    var position = 0;
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (forms[fold(match[0])]) {
        parent.appendChild(document.createTextNode(text.slice(position, match.index)));
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        parent.appendChild(mark);
        position = match.index + match[0].length;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function snippet(text, summary, forms) {
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      if (forms[fold(match[0])]) {
        var at = match.index;
        var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - SNIPPET_BEFORE)) + 1);
        var end = text.indexOf(" ", Math.min(text.length, at + SNIPPET_AFTER));
        end = end < 0 ? text.length : end;
        return (start > 0 ? "… " : "") + text.slice(start, end).replace(/\s+/g, " ") + (end < text.length ? " …" : "");
      }
    }
    return summary;
  }

  function reasonFor(doc, result) {
    var found = null;
    result.clauses.forEach(function (clause) {
      clause.entities.forEach(function (number) {
        var entity = result.entities[number];
        if (!found && entity.docs.indexOf(doc) >= 0) { found = entity; }
      });
    });
    return found;
  }

  function card(doc, row, result, forms) {
    var li = document.createElement("li");
    var article = document.createElement("article");
    article.className = "card";
    var heading = document.createElement("h2");
    heading.className = "card__title";
    var link = document.createElement("a");
    link.href = row[0];
    link.lang = row[3];  // titles and texts keep their own language
    appendHighlighted(link, row[1], forms);
    heading.appendChild(link);
    article.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "card__meta";
    meta.textContent = [row[2], row[4]].filter(Boolean).join(" · ");
    article.appendChild(meta);
    var summary = document.createElement("p");
    summary.className = "card__summary";
    summary.lang = row[3];
    appendHighlighted(summary, row[5], forms);
    article.appendChild(summary);
    var entity = reasonFor(doc, result);
    if (entity) {
      var reason = document.createElement("p");
      reason.className = "search-reason";
      var template = facetBox.getAttribute("data-matched");
      var kind = facetBox.getAttribute("data-kind-" + entity.facet);
      var parts = template.split("{name}");
      reason.appendChild(document.createTextNode(parts[0]));
      var entityLink = document.createElement("a");
      entityLink.href = entity.href;
      entityLink.textContent = entity.label;
      reason.appendChild(entityLink);
      reason.appendChild(document.createTextNode(parts[1].replace("{kind}", kind)));
      article.appendChild(reason);
    }
    li.appendChild(article);
    return li;
  }

  /* Cards come as soon as their display blocks are here, with the summary; the snippets
     around the hits replace it once the texts are loaded (the paragraph's height is fixed
     by the style sheet, so nothing below moves). */
  function showPage(result, from, runId, afterCards) {
    var ids = result.ids.slice(from, from + PAGE_SIZE);
    var blocks = ids.map(function (id) { return Math.floor(id / manifest.block); });
    return loadEach(blocks, docBlock).then(function (loadedBlocks) {
      if (runId !== currentRun) { return null; }
      var rows = ids.map(function (id) { return loadedBlocks[Math.floor(id / manifest.block)][id % manifest.block]; });
      var forms = highlightForms(result);
      if (from === 0) { clearResults(); }  // the old results stay until the new ones are here
      var summaries = ids.map(function (id, i) {
        var item = card(id, rows[i], result, forms);
        list.appendChild(item);
        return item.querySelector(".card__summary");
      });
      var facetsShown = afterCards ? afterCards() : null;
      more.hidden = from + PAGE_SIZE >= result.ids.length;
      more.onclick = function () {
        var next = from + PAGE_SIZE;
        busy(true);
        showPage(result, next, runId).then(function () {
          busy(false);
          // Keyboard users continue at the first result just added, not back at the button.
          var link = list.children[next] && list.children[next].querySelector("a");
          if (link) { link.focus(); }
        });
      };
      var snippets = Promise.all(rows.map(function (row) { return docText(row[6]); })).then(function (texts) {
        if (runId !== currentRun) { return; }
        texts.forEach(function (text, i) {
          var shown = snippet(text, rows[i][5], forms);
          if (shown === rows[i][5]) { return; }
          while (summaries[i].firstChild) { summaries[i].removeChild(summaries[i].firstChild); }
          appendHighlighted(summaries[i], shown, forms);
        });
      });
      return Promise.all([snippets, facetsShown]);
    });
  }

  function countText(n) {
    var template = form.getAttribute("data-results-" + plural.select(n)) || form.getAttribute("data-results-other");
    return template.replace("{n}", n.toLocaleString(lang));
  }

  /* ---------- Facet lists ---------- */

  var expanded = {};

  function renderFacets(result, facets, state) {
    Array.prototype.slice.call(facetBox.querySelectorAll("fieldset")).forEach(function (old) {
      facetBox.removeChild(old);
    });
    FACETS.forEach(function (facet) {
      var values = facets.values[facet].map(function (value) {
        var count = 0;
        for (var i = 0; i < value.docs.length; i++) { count += result.alive[value.docs[i]]; }
        return { value: value, count: count, selected: state.selected[facet].indexOf(value.id) >= 0 };
      }).filter(function (item) { return item.count > 0 || item.selected; });
      if (!values.length) { return; }
      values.sort(function (a, b) {
        return b.selected - a.selected || b.count - a.count || a.value.label.localeCompare(b.value.label, lang);
      });
      var fieldset = document.createElement("fieldset");
      fieldset.className = "facet";
      var legend = document.createElement("legend");
      legend.textContent = facetBox.getAttribute("data-legend-" + facet);
      fieldset.appendChild(legend);
      var shown = expanded[facet] ? values : values.slice(0, Math.max(SHOWN_VALUES, values.filter(function (v) { return v.selected; }).length));
      var ul = document.createElement("ul");
      shown.forEach(function (item) {
        var li = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = paramOf(facet);
        box.value = item.value.id;
        box.checked = item.selected;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + item.value.label + " "));
        var count = document.createElement("span");
        count.className = "facet__count";
        count.textContent = "(" + item.count.toLocaleString(lang) + ")";
        label.appendChild(count);
        li.appendChild(label);
        ul.appendChild(li);
      });
      fieldset.appendChild(ul);
      if (values.length > SHOWN_VALUES) {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "facet__toggle";
        toggle.setAttribute("aria-expanded", expanded[facet] ? "true" : "false");
        toggle.textContent = expanded[facet] ? facetBox.getAttribute("data-show-fewer")
          : facetBox.getAttribute("data-show-all").replace("{n}", values.length.toLocaleString(lang));
        toggle.addEventListener("click", function () {
          expanded[facet] = !expanded[facet];
          renderFacets(result, facets, state);
          facetBox.querySelector("button.facet__toggle[data-facet='" + facet + "']").focus();
        });
        toggle.setAttribute("data-facet", facet);
        fieldset.appendChild(toggle);
      }
      facetBox.appendChild(fieldset);
    });
    facetBox.hidden = !facetBox.querySelector("fieldset");
  }

  /* ---------- Running ---------- */

  var currentRun = 0;
  var state = readState();

  function clearResults() {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    more.hidden = true;
  }

  /* The result list is aria-busy from a keystroke until its results are shown. */
  function busy(flag) { list.setAttribute("aria-busy", flag ? "true" : "false"); }

  function run() {
    var runId = ++currentRun;
    busy(true);
    var done = function () { if (runId === currentRun) { busy(false); } };
    var anySelected = FACETS.some(function (facet) { return state.selected[facet].length; });
    if (!words(state.q).length && !anySelected && !state.from && !state.to) {
      clearResults();
      facetBox.hidden = true;
      status.textContent = form.getAttribute("data-empty");
      done();
      return;
    }
    // Announced only when the index is slow to come: not at every keystroke.
    var slow = setTimeout(function () {
      if (runId === currentRun) { status.textContent = form.getAttribute("data-loading"); }
    }, 400);
    search(state).then(function (result) {
      clearTimeout(slow);
      if (runId !== currentRun) { return null; }
      status.textContent = result.ids.length ? countText(result.ids.length) : form.getAttribute("data-none");
      // The facets come after the cards (while the texts load): beside them on a wide screen,
      // below them on a phone, where drawing them first would push them down under the reader.
      return showPage(result, 0, runId, function () {
        return facetData().then(function (facets) {
          if (runId === currentRun) { renderFacets(result, facets, state); }
        });
      });
    }).catch(function () {
      clearTimeout(slow);
      if (runId === currentRun) { status.textContent = form.getAttribute("data-failed"); }
    }).then(done);
  }

  function fromForm() {
    state.q = input.value;
    state.sort = form.elements.sort.value;
    state.from = form.elements.from.value.trim();
    state.to = form.elements.to.value.trim();
  }

  function toForm() {
    input.value = state.q;
    form.elements.sort.value = state.sort;
    form.elements.from.value = state.from;
    form.elements.to.value = state.to;
  }

  var timer = null;
  /* While a word is typed, its shard and the facets are already fetched: when typing
     stops, the search finds them loaded. (A failed load is retried by the search.) */
  function prefetch() {
    words(input.value).map(fold).forEach(function (word) {
      if (word.length >= MIN_PREFIX) { termShard(shardOf(word)).catch(function () {}); }
    });
    facetData().catch(function () {});
  }

  function soon() {
    currentRun++;  // a search still loading is for an older query: it must not show
    busy(true);
    prefetch();
    clearTimeout(timer);
    timer = setTimeout(function () { fromForm(); writeState(state); run(); }, DEBOUNCE_MS);
  }
  function now() {
    clearTimeout(timer);
    fromForm();
    writeState(state);
    run();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); now(); });
  input.addEventListener("input", soon);
  form.addEventListener("change", function (event) { if (event.target !== input) { now(); } });
  facetBox.addEventListener("change", function (event) {
    var box = event.target;
    var facet = facetOf(box.name);
    var chosen = state.selected[facet].filter(function (id) { return id !== box.value; });
    if (box.checked) { chosen.push(box.value); }
    state.selected[facet] = chosen;
    writeState(state);
    run();
  });

  toForm();
  run();
}());
