/* lessonkit site: small enhancements on top of pages that work without JavaScript.
   Nothing here loads anything from another host, and no text from the pages is ever
   inserted as HTML (textContent and createElement only). */
(function () {
  "use strict";

  /* Theme script: the theme's bundle is in the page as a script of an unknown type (main.html),
     so the browser leaves it alone until the visitor first scrolls, touches, types or moves the
     pointer; then it runs as it would have at load. It starts its work on DOMContentLoaded, which
     has passed by then, so that event is sent again once the bundle has loaded (nothing else on
     these pages listens for it). */
  var later = document.querySelectorAll('script[type="text/x-lessonkit-later"]');
  if (later.length) {
    var triggers = ["scroll", "wheel", "touchstart", "pointerdown", "pointermove", "keydown", "focusin"];
    var started = false;
    var start = function () {
      if (started) return;
      started = true;
      triggers.forEach(function (name) { window.removeEventListener(name, start, true); });
      Array.prototype.forEach.call(later, function (old) {
        var script = document.createElement("script");
        script.src = old.src;
        script.onload = function () { document.dispatchEvent(new Event("DOMContentLoaded")); };
        old.parentNode.replaceChild(script, old);
      });
    };
    triggers.forEach(function (name) { window.addEventListener(name, start, { capture: true, passive: true }); });
  }

  /* Quick exit: "Leave this site" replaces this page in the history (Back does not return
     here) with a neutral page, and so does Esc pressed twice within a second. The link's own
     address is used, so without JavaScript it still leaves (as an ordinary link). */
  function leave(url) {
    document.documentElement.style.visibility = "hidden";
    window.location.replace(url);
  }
  var exit = document.querySelector("a[data-lk-exit]");
  if (exit) {
    exit.addEventListener("click", function (event) {
      event.preventDefault();
      leave(exit.href);
    });
    var lastEscape = 0;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var now = Date.now();
      if (now - lastEscape < 1000) leave(exit.href);
      lastEscape = now;
    }, true);
  }

  /* Search: the index of this page's language only (<locale>/search/index.js), loaded the first
     time the search opens, never on a first visit. Every word of the query must appear in a
     section (as the start of a word); titles weigh more; a query with one of the language's help
     words puts the help page first. Results are built with textContent only. */
  var dialog = document.querySelector("dialog.lk-search");
  var opener = document.querySelector(".lk-search-open");
  if (dialog && opener && typeof dialog.showModal === "function") {
    var input = dialog.querySelector(".lk-search__input");
    var status = dialog.querySelector(".lk-search__status");
    var list = dialog.querySelector(".lk-search__results");
    var index = null;
    var loading = false;
    var indexUrl = new URL(dialog.getAttribute("data-index"), document.baseURI);
    var root = new URL("../", indexUrl);

    var normalise = function (text) {
      return text.toLowerCase().normalize("NFD")
        .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
        .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/\u0649/g, "\u064a")
        .replace(/\u0629/g, "\u0647").replace(/\u00df/g, "ss");
    };
    /* Arabic writes the article and some prepositions onto the word: "المساعدة" is "مساعدة". */
    var stem = function (word) {
      var match = /^(?:وال|بال|كال|فال|لل|ال)(.{3,})$/.exec(word);
      return match ? match[1] : word;
    };
    var words = function (text) {
      return normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(stem);
    };
    var startsAny = function (list, term) {
      for (var i = 0; i < list.length; i++) if (list[i].lastIndexOf(term, 0) === 0) return true;
      return false;
    };

    window.lessonkitSearchIndex = function (data) {
      index = data;
      index.help.terms = [];
      data.help.words.forEach(function (w) { index.help.terms = index.help.terms.concat(words(w)); });
      index.docs.forEach(function (doc) {
        doc.titleWords = words(doc[2]);
        doc.textWords = words(doc[3]);
      });
      run();
    };

    var load = function () {
      if (index || loading) return;
      loading = true;
      status.textContent = dialog.getAttribute("data-loading");
      var script = document.createElement("script");
      script.src = indexUrl.href;
      script.onerror = function () { loading = false; };
      document.head.appendChild(script);
    };

    var score = function (doc, terms) {
      var total = 0;
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i], found = 0, title = 0;
        for (var j = 0; j < doc.titleWords.length; j++) {
          var w = doc.titleWords[j];
          if (w === term) title = Math.max(title, 10);
          else if (w.lastIndexOf(term, 0) === 0) title = Math.max(title, 6);
        }
        for (var k = 0; k < doc.textWords.length && found < 10; k++) {
          if (doc.textWords[k].lastIndexOf(term, 0) === 0) found++;
        }
        if (!title && !found) return 0;
        total += title + found * 0.5 + (found ? 1 : 0);
      }
      return total;
    };

    var snippet = function (text, terms) {
      var lower = text.toLowerCase(), at = -1;
      for (var i = 0; i < terms.length && at < 0; i++) at = lower.indexOf(terms[i]);
      var start = Math.max(0, at - 60);
      /* Start at a word, not in the middle of one. */
      if (start > 0) start = Math.min(at < 0 ? start : at, text.indexOf(" ", start) + 1 || start);
      var piece = (start ? "… " : "") + text.slice(start, start + 180) + (start + 180 < text.length ? " …" : "");
      var p = document.createElement("p");
      p.className = "lk-search__snippet";
      p.textContent = piece;
      return p;
    };

    var run = function () {
      var query = input.value.trim();
      list.textContent = "";
      if (!query) { status.textContent = dialog.getAttribute("data-placeholder"); return; }
      if (!index) { load(); return; }
      var terms = words(query);
      var helpAsked = terms.some(function (term) {
        return term.length > 2 && (startsAny(index.help.terms, term) ||
          index.help.terms.some(function (h) { return term.lastIndexOf(h, 0) === 0; }));
      });
      var best = {};
      index.docs.forEach(function (doc) {
        var value = score(doc, terms);
        var page = index.pages[doc[0]];
        if (helpAsked && page[0] === index.help.page && doc[1] === "") value += 1000;
        if (value > 0 && (!best[doc[0]] || best[doc[0]].value < value)) best[doc[0]] = { doc: doc, value: value };
      });
      var found = Object.keys(best).map(function (key) { return best[key]; });
      found.sort(function (a, b) { return b.value - a.value || a.doc[0] - b.doc[0]; });
      var count = found.length;
      status.textContent = count === 0 ? dialog.getAttribute("data-none")
        : count === 1 ? dialog.getAttribute("data-one")
        : dialog.getAttribute("data-other").replace("#", String(count));
      found.slice(0, 20).forEach(function (hit) {
        var doc = hit.doc, page = index.pages[doc[0]];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = new URL(page[0] + (doc[1] ? "#" + doc[1] : ""), root).href;
        var title = document.createElement("span");
        title.className = "lk-search__title";
        title.textContent = doc[2];
        link.appendChild(title);
        if (doc[1]) {
          var where = document.createElement("span");
          where.className = "lk-search__page";
          where.textContent = page[1];
          link.appendChild(where);
        }
        link.appendChild(snippet(doc[3], query.toLowerCase().split(/\s+/)));
        link.addEventListener("click", function () { dialog.close(); });
        item.appendChild(link);
        list.appendChild(item);
      });
    };

    opener.addEventListener("click", function () {
      dialog.showModal();
      input.focus();
      load();
    });
    dialog.querySelector(".lk-search__close").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); run(); });
    /* A click on the dimmed background (the dialog element itself, outside its content) closes it. */
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    input.addEventListener("input", run);
    /* One Esc closes the search (a search field would first only clear itself); pressed twice it
       still leaves the site (the quick exit counts every Esc). */
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
      if (event.key === "/" && !typing && !dialog.open) {
        event.preventDefault();
        opener.click();
      }
    });
  }

  /* Filters: the lesson cards of the page (all listed in the HTML) are hidden when they do not
     match the chosen age band and topic; the count is announced, and the choice is kept in the
     address (#band=8-10&topic=privacy) so that it can be bookmarked or shared. */
  var filters = document.querySelector("form[data-lk-filters]");
  var cardList = document.querySelector("[data-lk-cards]");
  if (filters && cardList) {
    var cards = cardList.querySelectorAll(".lk-card");
    var bandSelect = filters.elements.namedItem("band");
    var topicSelect = filters.elements.namedItem("topic");
    var count = filters.querySelector(".lk-filter-count");
    var none = document.querySelector(".lk-filter-none");
    var template = count.getAttribute("data-template");
    /* Digits as the page's language writes them (the same as the build wrote with Babel). */
    var number = function (value) {
      try { return new Intl.NumberFormat(document.documentElement.lang).format(value); } catch (e) { return String(value); }
    };
    var apply = function (remember) {
      var shown = 0;
      Array.prototype.forEach.call(cards, function (card) {
        var match = (!bandSelect.value || card.getAttribute("data-band") === bandSelect.value) &&
          (!topicSelect.value || card.getAttribute("data-topic") === topicSelect.value);
        card.hidden = !match;
        if (match) shown++;
      });
      count.textContent = template.replace("{shown}", number(shown)).replace("{total}", number(cards.length));
      if (none) none.hidden = shown > 0;
      if (remember) {
        var chosen = [];
        if (bandSelect.value) chosen.push("band=" + encodeURIComponent(bandSelect.value));
        if (topicSelect.value) chosen.push("topic=" + encodeURIComponent(topicSelect.value));
        history.replaceState(null, "", chosen.length ? "#" + chosen.join("&") : location.pathname + location.search);
      }
    };
    var choose = function (select, value) {
      if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    };
    var wanted = new URLSearchParams(location.hash.slice(1));
    if (wanted.has("band") || wanted.has("topic")) {
      choose(bandSelect, wanted.get("band"));
      choose(topicSelect, wanted.get("topic"));
      apply(false);
    }
    filters.addEventListener("change", function () { apply(true); });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  /* Read aloud (handouts for the youngest): the browser's own speech synthesis with a voice that
     the device itself provides (localService: no text is sent to a speech service on the
     network) in the page's language. Without such a voice the buttons stay hidden. */
  var reader = document.querySelector("[data-lk-read]");
  if (reader && window.speechSynthesis && typeof window.SpeechSynthesisUtterance === "function") {
    var synth = window.speechSynthesis;
    var startButton = reader.querySelector("[data-lk-read-start]");
    var stopButton = reader.querySelector("[data-lk-read-stop]");
    var readNote = reader.querySelector(".lk-read-note");
    var language = (document.documentElement.getAttribute("lang") || "").toLowerCase().split("-")[0];
    var voice = null;
    var findVoice = function () {
      var voices = synth.getVoices() || [];
      var own = voices.filter(function (v) {
        return v.localService && String(v.lang).toLowerCase().replace("_", "-").split("-")[0] === language;
      });
      voice = own.filter(function (v) { return v.default; })[0] || own[0] || null;
      var speaking = !stopButton.hidden;
      startButton.hidden = !voice || speaking;
      readNote.hidden = !voice;
      if (!voice && speaking) synth.cancel();
    };
    var stopped = function () {
      stopButton.hidden = true;
      startButton.hidden = !voice;
    };
    findVoice();
    /* Voices often arrive after the page has loaded. */
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", findVoice);
    startButton.addEventListener("click", function () {
      if (!voice) return;
      synth.cancel();
      var utterance = new window.SpeechSynthesisUtterance(reader.querySelector(".lk-read-text").innerText);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.rate = 0.9; /* a little slower, for young listeners */
      utterance.onend = stopped;
      utterance.onerror = stopped;
      startButton.hidden = true;
      stopButton.hidden = false;
      synth.speak(utterance);
      stopButton.focus();
    });
    stopButton.addEventListener("click", function () {
      synth.cancel();
      stopped();
      startButton.focus();
    });
  }

  /* Quiz: a question with options is a small form. "Check the answer" says whether the choice is
     right and shows the lesson's own feedback for each option chosen (for steps to put in
     order: for each step in the wrong place), in a live region that screen readers announce. */
  Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-lk-quiz]"), function (quiz) {
    var button = quiz.querySelector("[data-lk-check]");
    var result = quiz.querySelector(".lk-quiz-result");
    var say = function (lines) {
      result.textContent = "";
      lines.forEach(function (line) {
        var paragraph = document.createElement("p");
        paragraph.textContent = line;
        result.appendChild(paragraph);
      });
    };
    var feedback = function (option) {
      var text = option.querySelector(".lk-feedback");
      return text ? text.textContent.trim() : "";
    };
    button.addEventListener("click", function () {
      var options = Array.prototype.slice.call(quiz.querySelectorAll(".lk-option"));
      var picked;
      var right;
      if (quiz.getAttribute("data-kind") === "order") {
        var selects = options.map(function (o) { return o.querySelector("select"); });
        if (selects.some(function (s) { return !s.value; })) { say([quiz.getAttribute("data-empty")]); return; }
        right = selects.every(function (s) { return s.value === s.getAttribute("data-place"); });
        picked = options.filter(function (o, i) { return selects[i].value !== selects[i].getAttribute("data-place"); });
      } else {
        var inputs = options.map(function (o) { return o.querySelector("input"); });
        if (!inputs.some(function (i) { return i.checked; })) { say([quiz.getAttribute("data-empty")]); return; }
        right = inputs.every(function (i) { return i.checked === (i.getAttribute("data-correct") === "true"); });
        picked = options.filter(function (o, i) { return inputs[i].checked; });
      }
      options.forEach(function (o) { o.removeAttribute("data-state"); });
      picked.forEach(function (o) { o.setAttribute("data-state", "chosen"); });
      quiz.setAttribute("data-result", right ? "right" : "wrong");
      say([quiz.getAttribute(right ? "data-right" : "data-wrong")].concat(picked.map(feedback).filter(Boolean)));
    });
  });
})();
