/*
 * embed.js: puts a quiz of this site on any page.
 *
 * One line, where the quiz should appear:
 *
 *   <script src="https://QUIZ-HOST/embed.js" async data-quiz="pmo-career" data-lang="ja"></script>
 *
 * or placeholders (each keeps its link for visitors without JavaScript),
 * filled by one copy of the script anywhere on the page:
 *
 *   <div data-pmo-quiz data-quiz="qa-engineer" data-lang="en"><a href="https://QUIZ-HOST/qa-engineer/">Take the QA quiz</a></div>
 *   <script src="https://QUIZ-HOST/embed.js" async></script>
 *
 * Options (data- attributes on the placeholder, or on the script in the
 * one-line form): data-quiz (the quiz's [quiz] id; default: the site's
 * first quiz), data-lang (ja, en), data-min-height (pixels), data-campaign
 * (added to the call-to-action link as utm_campaign), data-cta-url (an https
 * link that replaces the quiz's call to action), data-theme (light, dark,
 * auto), data-title (the frame's accessible name; default: the quiz's own
 * title in its language).
 *
 * Events, dispatched on the placeholder (they bubble): quiz:ready,
 * quiz:start, quiz:progress {index, total}, quiz:complete {outcome, band},
 * quiz:cta; every detail has quiz, the quiz's id. They carry no answers and
 * nothing personal.
 *
 * Messages between the frame and this page are namespaced and versioned;
 * this side accepts them only from the quiz's origin and from its own frame.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var NS = "pmo-quiz";
  var VERSION = 1;
  var base = new URL(".", script.src); // the quiz's root, also under a sub-path
  var quizOrigin = base.origin;
  var EVENTS = { ready: true, start: true, progress: true, complete: true, cta: true };
  // The site's quizzes, written in by the site (app/webapp): {default: id,
  // quizzes: {id: {path, locales, title: {locale: text}}}}.
  var site = /*pmoquiz:quizzes*/null;

  // One registry per page, shared by every copy of this script.
  var reg = window.__pmoQuizEmbeds;
  if (!reg) {
    reg = window.__pmoQuizEmbeds = { frames: {}, seq: 0, listening: false };
  }
  if (!reg.listening) {
    reg.listening = true;
    window.addEventListener("message", onMessage);
  }

  function onMessage(e) {
    var m = e.data;
    if (!m || typeof m !== "object" || m.ns !== NS || m.v !== VERSION || typeof m.id !== "string") {
      return;
    }
    var f = Object.prototype.hasOwnProperty.call(reg.frames, m.id) ? reg.frames[m.id] : null;
    // Only the frame we made, at the origin we loaded it from.
    if (!f || e.origin !== f.origin || e.source !== f.iframe.contentWindow) {
      return;
    }
    var d = m.detail && typeof m.detail === "object" ? m.detail : {};
    if (m.type === "resize") {
      var h = Number(d.height);
      if (isFinite(h) && h > 0) {
        f.iframe.style.height = Math.ceil(Math.max(f.minHeight, Math.min(h, 100000))) + "px";
      }
      return;
    }
    if (!EVENTS[m.type]) {
      return;
    }
    var detail = clean(m.type, d);
    detail.quiz = f.quiz;
    f.host.dispatchEvent(new CustomEvent("quiz:" + m.type, { bubbles: true, detail: detail }));
  }

  // clean keeps only the documented fields, as plain values.
  function clean(type, d) {
    var out = {};
    function num(k) { if (typeof d[k] === "number" && isFinite(d[k])) { out[k] = d[k]; } }
    function str(k) { if (typeof d[k] === "string" && d[k].length <= 64) { out[k] = d[k]; } }
    if (type === "progress") { num("index"); num("total"); }
    if (type === "complete") { str("outcome"); str("band"); }
    if (type === "ready") { out.ok = d.ok !== false; }
    return out;
  }

  function option(el, name) {
    var v = el.getAttribute("data-" + name);
    return v == null ? "" : String(v).trim();
  }

  // pick is the first of the wanted languages a quiz has (ja-JP counts as
  // ja), else its first.
  function pick(locales, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      var w = String(wanted[i] || "").toLowerCase();
      for (var j = 0; j < locales.length; j++) {
        var l = locales[j].toLowerCase();
        if (w && (w === l || w.split("-")[0] === l)) {
          return locales[j];
        }
      }
    }
    return locales[0];
  }

  // quizOf is the quiz a placeholder asks for: {id, path, title}, or null
  // when the site has no quiz of that id.
  function quizOf(opts, lang) {
    var id = option(opts, "quiz");
    if (id && !/^[a-z][a-z0-9_-]{0,63}$/.test(id)) {
      return null;
    }
    if (!site) { // a copy of this file that the site did not fill in
      return { id: id, path: id ? id + "/" : "", title: "" };
    }
    id = id || site.default;
    var q = Object.prototype.hasOwnProperty.call(site.quizzes, id) ? site.quizzes[id] : null;
    if (!q) {
      return null;
    }
    var wanted = [lang].concat(Array.prototype.slice.call(navigator.languages || [navigator.language]));
    return { id: id, path: q.path, title: q.title[pick(q.locales, wanted)] || "" };
  }

  function mount(host, opts) {
    if (!host || host.hasAttribute("data-pmo-quiz-mounted")) {
      return;
    }
    host.setAttribute("data-pmo-quiz-mounted", "");
    opts = opts || host;
    var lang = option(opts, "lang");
    var quiz = quizOf(opts, lang);
    if (!quiz) {
      // The link the placeholder holds stays, for the visitor to follow.
      console.warn("embed.js: " + base.href + " has no quiz " + JSON.stringify(option(opts, "quiz")) +
        (site ? "; its quizzes are " + Object.keys(site.quizzes).join(", ") : ""));
      return;
    }
    var id = "q" + ++reg.seq + "-" + Math.random().toString(36).slice(2, 10);
    var minHeight = parseInt(option(opts, "min-height"), 10);
    if (!(minHeight > 0)) {
      minHeight = 480;
    }
    var url = new URL(quiz.path, base.href);
    var q = url.searchParams;
    if (lang) { q.set("lang", lang); }
    ["theme", "campaign"].forEach(function (k) { var v = option(opts, k); if (v) { q.set(k, v); } });
    var cta = option(opts, "cta-url");
    if (cta) { q.set("cta", cta); }
    q.set("embed", id);
    q.set("parent", window.location.origin);

    var iframe = document.createElement("iframe");
    iframe.src = url.href;
    iframe.title = option(opts, "title") || quiz.title || (lang === "ja" ? "診断" : "Quiz");
    iframe.loading = "lazy";
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    // Scripts and same-origin (its own storage and service worker);
    // popups that escape the sandbox for the call to action's new tab.
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox");
    iframe.setAttribute("allow", "clipboard-write");
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    iframe.style.height = minHeight + "px";
    reg.frames[id] = { iframe: iframe, host: host, origin: quizOrigin, minHeight: minHeight, quiz: quiz.id };
    host.textContent = "";
    host.appendChild(iframe);
  }

  var placeholders = document.querySelectorAll("[data-pmo-quiz]:not([data-pmo-quiz-mounted])");
  if (placeholders.length > 0) {
    Array.prototype.forEach.call(placeholders, function (el) { mount(el); });
  } else if (!document.querySelector("[data-pmo-quiz]")) {
    // The one-line form: the quiz takes the script's place.
    var host = document.createElement("div");
    host.className = "pmo-quiz";
    script.parentNode.insertBefore(host, script);
    mount(host, script);
  }
  // For pages that add placeholders later (single-page apps).
  window.PMOQuiz = window.PMOQuiz || { mount: function (el) { mount(el); } };
})();
