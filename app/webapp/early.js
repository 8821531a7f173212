// The page's early script, the second part of app.js. The prerendered page
// is the quiz from the first paint: while app.wasm downloads and compiles,
// this script lets the visitor press Start and answer the questions, on the
// screens the engine itself drew into the page (<template id="q-tpl-…">),
// with the rules it wrote there as data (#quiz-early). It keeps the
// engine's rules for answers (quiz.Question.Choose, Blocked, Answered) and
// for which questions are shown (quiz.Quiz.Visible); the tests hold it to
// them (app/webapp/early_test.go). It never scores: a step that needs the
// result waits for the engine, quietly, on that step.
//
// When the engine starts it calls pmoquizEarly.handOver(), which stops this
// script and gives it the journey as a flow snapshot (app/flow), the
// history entry it started from, the focus and the step asked for: the
// engine then draws the same screen, with the same answers.
//
// The script stays passive (it only says "getting ready" where the visitor
// presses) when the engine has to decide what the page shows: a step or a
// shared result in the URL, progress saved on an earlier visit, or kept
// across the reload of an update.
(function () {
  "use strict";
  var early = (window.pmoquizEarly = {});
  // The engine needs the quiz file first thing: ask for it now.
  // Its digest (FNV-1a, as quiz.Quiz.Digest) tells whether it is the file
  // this page was drawn from (below).
  var fileDigest = fetch("quiz.toml").then(function (r) {
    return r.ok ? r.arrayBuffer() : Promise.reject(new Error("HTTP " + r.status + " for quiz.toml"));
  }).then(function (buf) {
    var bytes = new Uint8Array(buf);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193);
    }
    return { text: new TextDecoder().decode(bytes), digest: (h >>> 0).toString(16) };
  });
  early.quizText = fileDigest.then(function (f) { return f.text; });
  early.quizText.catch(function () {}); // the engine reports it

  // The engine's rules for answers (quiz.Question.Choose, Blocked,
  // Answered) and for the questions shown (quiz.Quiz.Visible), on the
  // questions as #quiz-early writes them. An answer is {choices: [ids]}
  // or {scale: n}.
  function isExclusive(q, id) {
    return (q.exclusive || []).indexOf(id) >= 0;
  }
  function chosen(q, a, value) {
    if (q.kind === "scale") {
      return !!a && String(a.scale) === value;
    }
    return !!a && (a.choices || []).indexOf(value) >= 0;
  }
  function blocked(q, a, value) {
    if (q.kind !== "multi" || !q.max || chosen(q, a, value) || isExclusive(q, value)) {
      return false;
    }
    var kept = ((a && a.choices) || []).filter(function (c) { return !isExclusive(q, c); });
    return kept.length >= q.max;
  }
  function choose(q, a, value, on) {
    if (q.kind === "scale") {
      return on && /^[1-5]$/.test(value) ? { scale: Number(value) } : a;
    }
    if ((q.options || []).indexOf(value) < 0 || on && blocked(q, a, value) || !on && q.kind === "single") {
      return a;
    }
    if (q.kind === "single") {
      return { choices: [value] };
    }
    var keep = ((a && a.choices) || []).filter(function (c) {
      return c !== value && (!on || !isExclusive(q, value) && !isExclusive(q, c));
    });
    if (on) {
      keep.push(value);
    }
    return { choices: keep };
  }
  function answered(q, a) {
    return !!a && (q.kind === "scale" ? a.scale >= 1 && a.scale <= 5 : (a.choices || []).length > 0);
  }
  function includes(a, any) {
    return !!a && any.some(function (v) {
      return a.scale ? String(a.scale) === v : (a.choices || []).indexOf(v) >= 0;
    });
  }
  // visible is, for each question in order, whether it is shown.
  function visible(questions, ans) {
    var index = {};
    var vis = [];
    questions.forEach(function (q, i) {
      index[q.id] = i;
      vis[i] = !q.showIf || q.showIf.some(function (c) {
        var j = c.q in index ? index[c.q] : -1;
        return j >= 0 && vis[j] && includes(ans[c.q], c.any);
      });
    });
    return vis;
  }
  early.rules = { choose: choose, blocked: blocked, answered: answered, visible: visible };

  var main = document.getElementById("quiz");
  var dataEl = document.getElementById("quiz-early");
  if (!main || !dataEl) {
    return; // not a quiz's page (a quiz file with problems): the engine's
  }
  var data = JSON.parse(dataEl.textContent);

  // The page in the visitor's language: ?lang=, else the browser's first
  // language the quiz has. The quiz's server sends it; a static host sends
  // index.html whatever is asked, and the visitor is moved to its page.
  // A page of its own language (index.en.html) was chosen: only ?lang=
  // moves the visitor from it.
  var own = /\/index\.[A-Za-z-]+\.html$/.test(location.pathname);
  var wanted = [new URLSearchParams(location.search).get("lang") || ""].concat(own ? [] : navigator.languages || []);
  var lang = data.locale;
  search: for (var w = 0; w < wanted.length; w++) {
    for (var l in data.pages) {
      if (wanted[w] && (wanted[w].toLowerCase() === l.toLowerCase() || wanted[w].split("-")[0].toLowerCase() === l.toLowerCase())) {
        lang = l;
        break search;
      }
    }
  }
  if (lang !== data.locale) {
    location.replace(data.pages[lang] + location.search + location.hash);
    return;
  }
  var byID = {};
  data.questions.forEach(function (q, i) {
    q.index = i;
    byID[q.id] = q;
  });

  // The visitor's journey, as app/flow keeps it.
  var screen = "intro";
  var at = -1; // the question on screen
  var answers = {}; // id → {choices: [...]} or {scale: n}
  var hint = false;
  var pending = ""; // a step that waits for the engine
  var waitButton = null; // the button that says so
  var stopped = false;
  var told = false; // "ready" was posted to the embedding page
  var base = typeof history.state === "number" ? history.state : 0;
  var introSection = main.querySelector("section.screen");

  function stored(name, key) {
    try {
      return window[name].getItem(key) !== null;
    } catch (e) {
      return false;
    }
  }
  // A visitor back with a journey saved: the intro offers to continue it
  // (the engine does that part) or to start over (this script can), with
  // the offer the engine kept beside the journey (app/widget/storage.go),
  // for this version of the quiz only.
  var offer = savedOffer();
  function savedOffer() {
    try {
      var o = JSON.parse(localStorage.getItem("pmoquiz-offer-" + data.quiz));
      if (o && o.hash === data.hash && o.total > 0 && o.n >= 0 && o.n <= o.total &&
        localStorage.getItem("pmoquiz-progress-" + data.quiz) !== null) {
        return o;
      }
    } catch (e) {}
    return null;
  }
  var passive = location.hash.length > 1 ||
    !offer && stored("localStorage", "pmoquiz-progress-" + data.quiz) ||
    stored("sessionStorage", "pmoquiz-update-progress");
  // Active, this script runs the page until a step needs the engine: the
  // engine waits to be wanted (loader.js). Passive, the engine draws the
  // page: it is wanted now.
  early.deferEngine = !passive;

  // The page is of another quiz file than the one served now (a page kept
  // by a cache, a file saved since under quizserver -dev): the engine
  // draws the page from the file, at once.
  var verified = false;
  fileDigest.then(function (f) {
    if (f.digest === data.digest) {
      verified = true;
    } else if (!passive && !stopped) {
      passive = true;
      early.deferEngine = false;
      if (window.pmoquizEngine) {
        window.pmoquizEngine.demand();
      }
    }
  }, function () {});

  // The embedding page (web/embed.js), as app/widget/embed.go reads it.
  var params = new URLSearchParams(location.search);
  var frame = { id: params.get("embed") || "", parent: params.get("parent") || "" };
  if (!/^[a-z0-9-]{1,40}$/.test(frame.id) || !isOrigin(frame.parent)) {
    frame = null;
  }
  function isOrigin(s) {
    try {
      var u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && s === u.protocol + "//" + u.host && !u.username;
    } catch (e) {
      return false;
    }
  }
  function post(type, detail) {
    if (frame && !stopped) {
      window.parent.postMessage({ ns: "pmo-quiz", v: 1, id: frame.id, type: type, detail: detail || {} }, frame.parent);
    }
  }
  var theme = params.get("theme");
  if (theme === "light" || theme === "dark") {
    main.dataset.theme = theme;
  }
  var observer = null;
  if (frame && window.ResizeObserver) {
    var height = 0;
    observer = new ResizeObserver(function () {
      var h = Math.ceil(document.body.getBoundingClientRect().height);
      if (h > 0 && h !== height) {
        height = h;
        post("resize", { height: h });
      }
    });
    observer.observe(document.body);
  }

  // progress is the question on screen's place among those shown, and
  // how many are shown, as the answers stand.
  function progress() {
    var n = 0, total = 0;
    visible(data.questions, answers).forEach(function (v, i) {
      if (v) {
        total++;
        if (i <= at) {
          n++;
        }
      }
    });
    return [n, total];
  }
  function fill(s, kv) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in kv ? String(kv[k]) : m; });
  }

  // Drawing: the engine's own screens, with what it would set on them.
  function show(section, name) {
    var current = main.querySelector("section.screen");
    if (current !== section) {
      main.replaceChild(section, current);
    }
    main.dataset.screen = name;
  }
  function drawQuestion() {
    var q = data.questions[at];
    var tpl = document.getElementById("q-tpl-" + q.id);
    var section = document.importNode(tpl.content, true).querySelector("section");
    var p = progress();
    var text = fill(data.ui.progress, { n: p[0], total: p[1] });
    section.querySelector("#progress-text").textContent = text;
    var bar = section.querySelector("#progress");
    bar.max = p[1];
    bar.value = p[0];
    bar.setAttribute("aria-label", text);
    section.querySelector("#next").textContent = p[0] === p[1] ? data.ui.see_result : data.ui.next;
    show(section, "question");
    syncInputs();
    setHint(hint);
    status(text);
  }
  function syncInputs() {
    var q = data.questions[at];
    var a = answers[q.id];
    main.querySelectorAll("#question-form input").forEach(function (input) {
      input.checked = chosen(q, a, input.value);
      input.disabled = blocked(q, a, input.value);
    });
  }
  function setHint(on) {
    hint = on;
    var el = document.getElementById("required-hint");
    if (on && !el) {
      el = document.createElement("p");
      el.id = "required-hint";
      el.className = "required-hint";
      el.setAttribute("role", "alert");
      el.tabIndex = -1;
      el.textContent = data.ui.required_hint;
      var form = document.getElementById("question-form");
      form.insertBefore(el, form.querySelector(".nav"));
    } else if (!on && el) {
      el.remove();
    }
    return el;
  }
  function status(text) {
    var el = document.getElementById("quiz-status");
    if (el) {
      el.textContent = text;
    }
  }
  function focus(id) {
    var el = document.getElementById(id);
    if (el) {
      el.focus();
    }
  }

  // The journey's steps, each with a history entry of its own, as the
  // engine makes them (app/widget/history.go): the entry's state is its
  // depth, its fragment the step.
  function depth() {
    return typeof history.state === "number" ? history.state : base;
  }
  function ask(i) {
    screen = "question";
    at = i;
    hint = false;
    pending = "";
    waitButton = null;
    drawQuestion();
    var p = progress();
    post("progress", { index: p[0], total: p[1] });
    focus("q-legend");
    save();
    if (broken) {
      keep();
    }
  }
  // drawOffer puts the offer on the intro where the engine has it: first,
  // under the title, in place of the Start button.
  function drawOffer() {
    var title = introSection.querySelector("#quiz-title");
    var plain = introSection.querySelector("#start");
    if (!title || !plain) {
      return;
    }
    var box = document.createElement("div");
    box.className = "notice resume";
    box.id = "resume-offer";
    var note = document.createElement("p");
    note.textContent = data.ui.resume_note;
    var nav = document.createElement("div");
    nav.className = "nav";
    var again = document.createElement("button");
    again.id = "start";
    again.type = "button";
    again.className = "secondary";
    again.textContent = data.ui.resume_restart;
    var resume = document.createElement("button");
    resume.id = "resume";
    resume.type = "button";
    resume.className = "primary";
    resume.textContent = offer.n === 0 ? data.ui.resume_result : fill(data.ui.resume_continue, { n: offer.n, total: offer.total });
    nav.appendChild(again);
    nav.appendChild(resume);
    box.appendChild(note);
    box.appendChild(nav);
    plain.remove();
    title.after(box);
  }

  function start() {
    offer = null; // starting over forgets the saved journey (save)
    answers = {};
    post("start");
    var vis = visible(data.questions, answers);
    ask(vis.indexOf(true));
    history.pushState(depth() + 1, "", "#q=" + data.questions[at].id);
  }
  function next() {
    var q = data.questions[at];
    if (!answered(q, answers[q.id])) {
      focusHint();
      return;
    }
    var vis = visible(data.questions, answers);
    for (var i = at + 1; i < vis.length; i++) {
      if (vis[i]) {
        ask(i);
        history.pushState(depth() + 1, "", "#q=" + data.questions[i].id);
        return;
      }
    }
    wait("next", document.getElementById("next")); // the result is the engine's
  }
  function focusHint() {
    setHint(true);
    focus("required-hint");
  }
  function back() {
    if (depth() > base) {
      history.back(); // the previous step: popstate follows
      return;
    }
    var vis = visible(data.questions, answers);
    for (var i = at - 1; i >= 0; i--) {
      if (vis[i]) {
        ask(i);
        history.replaceState(depth(), "", "#q=" + data.questions[i].id);
        return;
      }
    }
    home();
    history.replaceState(depth(), "", location.pathname + location.search);
  }
  function home() {
    screen = "intro";
    pending = "";
    waitButton = null;
    show(introSection, "intro");
    status("");
    focus("quiz-title");
  }
  // reachable: shown, and every question shown before it answered.
  function reachable(i) {
    var vis = visible(data.questions, answers);
    if (!vis[i]) {
      return false;
    }
    for (var j = 0; j < i; j++) {
      if (vis[j] && !answered(data.questions[j], answers[data.questions[j].id])) {
        return false;
      }
    }
    return true;
  }
  window.addEventListener("popstate", function () {
    if (stopped) {
      return;
    }
    var frag = location.hash.slice(1);
    var q = frag.indexOf("q=") === 0 ? byID[frag.slice(2)] : null;
    if (frag === "") {
      if (screen !== "intro") {
        home();
      }
    } else if (q && reachable(q.index)) {
      if (screen !== "question" || at !== q.index) {
        ask(q.index);
      }
    }
  });

  // Waiting for the engine, on the step that needs it: the button says so,
  // with how much of it has arrived; if it cannot run, the page says so with
  // a plain link to try again.
  function wait(step, button) {
    pending = step;
    waitButton = button;
    if (window.pmoquizEngine && window.pmoquizEngine.demand) {
      window.pmoquizEngine.demand();
    }
    if (button) {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("waiting");
    }
    render(window.pmoquizEngine);
  }
  function render(engine) {
    if (stopped || !engine) {
      return;
    }
    install();
    if (engine.state === "failed" || engine.state === "off") {
      failed();
      return;
    }
    if (waitButton && (engine.state === "loading" || engine.state === "ready")) {
      var pct = Math.floor(engine.progress * 100);
      waitButton.textContent = data.ui.engine_wait + (pct > 0 ? " " + pct + "%" : "");
    }
  }
  // install shows the header's install button while the browser offers
  // to install the app, as the engine does (app/widget/pwa.go), Apple's
  // browsers left out (no prompt there).
  function install() {
    var button = document.getElementById("install");
    var offered = window.goappIsAppInstallable && window.goappIsAppInstallable() &&
      !window.goappIsAppleBrowser();
    if (!offered) {
      if (button) {
        button.remove();
      }
      return;
    }
    var header = document.querySelector(".quiz-header");
    if (button || !header) {
      return;
    }
    button = document.createElement("button");
    button.id = "install";
    button.type = "button";
    button.className = "secondary install";
    button.textContent = data.ui.install;
    button.addEventListener("click", function () {
      button.remove(); // the browser's prompt is used once
      window.goappShowInstallPrompt();
    });
    header.insertBefore(button, header.querySelector(".lang-switch")); // as the engine does
  }

  // keep keeps the answers for a reload (the retry link, another
  // language): the engine takes them over then, as after an update's.
  function keep() {
    if (screen !== "intro") {
      try {
        sessionStorage.setItem("pmoquiz-update-progress", JSON.stringify(snapshot()));
      } catch (e) {}
    }
  }
  var broken = false; // the engine cannot run here
  function failed() {
    broken = true;
    keep();
    if (document.getElementById("engine-status")) {
      return;
    }
    var box = document.createElement("p");
    box.id = "engine-status";
    box.className = "notice warn engine-status";
    box.setAttribute("role", "alert");
    box.textContent = data.ui.engine_failed + " ";
    var link = document.createElement("a");
    link.href = location.pathname + location.search;
    link.textContent = data.ui.retry;
    box.appendChild(link);
    main.insertBefore(box, main.querySelector("section.screen"));
    if (waitButton) {
      waitButton.textContent = waitButton.id === "start" ? data.ui.start : data.ui.see_result;
      waitButton.classList.remove("waiting");
    }
  }

  // The snapshot of the journey (app/flow's Snapshot, version 1).
  function snapshot() {
    var vis = visible(data.questions, answers);
    var out = {};
    var any = false;
    data.questions.forEach(function (q, i) {
      var a = answers[q.id];
      if (vis[i] && answered(q, a)) {
        out[q.id] = q.kind === "scale" ? a.scale : q.kind === "single" ? a.choices[0] : a.choices.slice();
        any = true;
      }
    });
    var s = { v: 1, quiz: data.quiz, hash: data.hash, screen: screen };
    if (at >= 0) {
      s.at = data.questions[at].id;
    }
    if (any) {
      s.answers = out;
    }
    return s;
  }

  // active reports whether this script runs the page now, the quiz file
  // checked: the visitor's input is taken (the tests wait for it, or for
  // the engine).
  early.active = function () {
    return !passive && !stopped && verified;
  };

  // save keeps the journey in localStorage as the engine does (its
  // snapshot, under the quiz's key), so a visitor who leaves before the
  // engine ran finds it offered on their next visit.
  function save() {
    var s = snapshot();
    try {
      if (!s.answers) {
        // Nothing answered: nothing to offer (as the engine's persist).
        localStorage.removeItem("pmoquiz-progress-" + data.quiz);
        localStorage.removeItem("pmoquiz-offer-" + data.quiz);
        return;
      }
      localStorage.setItem("pmoquiz-progress-" + data.quiz, JSON.stringify(s));
      var p = offerOf();
      localStorage.setItem("pmoquiz-offer-" + data.quiz, JSON.stringify({ hash: data.hash, n: p[0], total: p[1] }));
    } catch (e) {}
  }
  // offerOf is the intro's offer for the journey (app/flow's Offer): the
  // question on screen when it can still be reached, else the first shown
  // and not answered; n is 0 when that is the result.
  function offerOf() {
    var vis = visible(data.questions, answers);
    var to = at >= 0 && reachable(at) ? at : -1;
    if (to < 0) {
      to = data.questions.findIndex(function (q, i) {
        return vis[i] && !answered(q, answers[q.id]);
      });
    }
    var n = 0, total = 0;
    vis.forEach(function (v, i) {
      if (v) {
        total++;
        if (i <= to) {
          n++;
        }
      }
    });
    return [n, total];
  }

  early.handOver = function () {
    stopped = true;
    if (observer) {
      observer.disconnect();
    }
    var active = document.activeElement;
    return JSON.stringify({
      snapshot: passive ? null : snapshot(),
      base: base,
      focus: active && active !== document.body && active.id ? active.id : "",
      locale: data.locale,
      pending: passive ? "" : pending,
      offered: !passive && !!offer && screen === "intro",
      hint: hint && screen === "question",
      ready: told,
    });
  };

  // The visitor's input, while the engine is not running.
  main.addEventListener("click", function (e) {
    if (stopped) {
      return;
    }
    var button = e.target.closest("button");
    if (!button) {
      return;
    }
    if (button.dataset.lang) {
      language(button.dataset.lang);
    } else if (button.id === "start") {
      if (passive) {
        wait("", button);
      } else {
        start();
      }
    } else if (button.id === "back" && screen === "question") {
      back();
    } else if (button.id === "resume" && offer && !passive) {
      wait("resume", button); // the saved journey is the engine's to restore
    } else if (button.id === "resume" || button.id === "share-take") {
      wait("", button);
    }
  });
  main.addEventListener("change", function (e) {
    var input = e.target;
    if (stopped || screen !== "question" || !input.matches("#question-form input")) {
      return;
    }
    var q = data.questions[at];
    answers[q.id] = choose(q, answers[q.id], input.value, input.checked);
    syncInputs();
    setHint(false);
    save();
    if (broken) {
      keep();
    }
  });
  main.addEventListener("submit", function (e) {
    if (stopped || screen !== "question") {
      return;
    }
    e.preventDefault();
    if (pending === "") {
      next();
    }
  });
  // Number keys 1–9 pick the Nth option, as the engine's question screen
  // does (app/widget/question.go).
  main.addEventListener("keydown", function (e) {
    var k = e.key;
    var type = e.target.type || "";
    if (stopped || screen !== "question" || !e.target.closest("#question-form") || k.length !== 1 || k < "1" || k > "9" ||
      e.ctrlKey || e.altKey || e.metaKey || e.repeat || type && " radio checkbox submit button ".indexOf(" " + type + " ") < 0) {
      return;
    }
    var inputs = main.querySelectorAll("#question-form input");
    var input = inputs[Number(k) - 1];
    var q = data.questions[at];
    if (!input) {
      return;
    }
    var on = q.kind !== "multi" || !chosen(q, answers[q.id], input.value);
    if (on && blocked(q, answers[q.id], input.value)) {
      return;
    }
    answers[q.id] = choose(q, answers[q.id], input.value, on);
    syncInputs();
    setHint(false);
    input.focus();
    save();
  });

  // Another language: the page in it, with the answers kept (the engine
  // takes them over after the reload, as after an update's).
  function language(lang) {
    keep();
    var u = new URL(location.href);
    u.searchParams.set("lang", lang);
    u.hash = "";
    location.replace(u.href);
  }

  if (window.pmoquizEngine) {
    window.pmoquizEngine.watch(render);
    if (passive) {
      window.pmoquizEngine.demand();
    }
  }
  if (!passive && offer) {
    drawOffer();
  }
  if (!passive) {
    told = true;
    post("ready", { ok: true });
  }
  // When the page started to answer taps (its first paint waits for this
  // script: page.go), for the page's own timeline and its tests.
  performance.mark("pmoquiz-early-ready");
})();
