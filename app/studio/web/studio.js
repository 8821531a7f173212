// The studio: a recruiter edits the quiz file in the browser. The page's
// main thread only edits and draws; the engine (web/studio.wasm: the same
// checker and analysis as the server's) runs in two Web Workers
// (engine-worker.js), and the preview frame (preview.html) runs the real
// widget on the draft. Nothing leaves the browser but, when the server
// runs with -dev and the recruiter confirms, the file saved to it.
//
// Text from the file is always put on the page as text (textContent),
// never as HTML.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("studio-config").textContent);

  // ---------------------------------------------------------------------
  // Words, in Japanese and English.

  var words = {
    ja: {
      title: "クイズ編集スタジオ",
      tagline: "下書きはこのブラウザの中だけに保存されます。",
      page_lang: "表示言語",
      editor_title: "編集",
      open_deployed: "公開中のファイルを開く",
      open_file: "ファイルを開く…",
      open_template: "ひな形から始める",
      download: "ダウンロード",
      save_server: "サーバーに保存",
      editing: "編集中のファイル",
      drop_hint: "ファイルをこの欄にドラッグ＆ドロップしても開けます。",
      problems_title: "問題",
      preview_title: "プレビュー",
      width_label: "画面の幅",
      phone: "スマートフォン",
      laptop: "ノートPC",
      preview_lang: "プレビューの言語",
      restart: "最初から",
      preview_frame: "プレビュー: 訪問者に見える画面",
      analysis_title: "分析",
      golden_title: "見本ケース",
      encoding_text: "このファイルは UTF-8 で保存されていません（Shift_JIS など）。下は Shift_JIS として読んだ内容です。",
      convert_encoding: "UTF-8 に変換して編集する",
      lang_names: { ja: "日本語", en: "English" },
      checking: "確認しています…",
      no_problems: "問題はありません。",
      n_problems: "問題が {n} 件あります。",
      engine_failed: "チェックの仕組みを読み込めませんでした: {e}",
      line_col: "{line}行 {col}文字目",
      no_position: "位置なし",
      restored: "前回の下書きを復元しました（{name}）。",
      restored_newer: "前回の下書きを復元しました（{name}）。公開中のファイルはその後に変わっています。最新の内容は「公開中のファイルを開く」で開けます。",
      opened_deployed: "公開中の {name} を開きました。",
      opened_file: "{name} を開きました。",
      opened_template: "ひな形を開きました。",
      open_failed: "開けませんでした: {e}",
      draft_saved: "下書きはこのブラウザに保存されています。",
      draft_unsaved: "このブラウザでは下書きを保存できません（ストレージが使えません）。ダウンロードして保存してください。",
      downloaded: "{name} をダウンロードしました（UTF-8、改行 {eol}）。",
      replace_title: "下書きを置き換えますか？",
      replace_text: "いまの下書きには、まだダウンロードも保存もしていない変更があります。置き換えると失われます。",
      replace_ok: "置き換える",
      cancel: "やめる",
      save_title: "サーバーのファイルを上書きしますか？",
      save_text: "サーバーの {file} をこの内容で上書きします。いまの {file} はバックアップとして同じフォルダに残ります。",
      save_text_problems: "この内容には問題が {n} 件あります。保存すると、プレビュー中の訪問者画面には問題の一覧が表示されます。",
      save_ok: "上書き保存する",
      saved: "{file} に保存しました。前の版は {backup} に残しました。",
      save_conflict_title: "サーバーのファイルが変わっています",
      save_conflict_text: "開いた後に、サーバーの {file} が別の方法で変更されました。それでも上書きしますか？（前の版はバックアップに残ります）",
      save_failed: "保存できませんでした: {e}",
      preview_waiting: "プレビューを準備しています…",
      preview_fresh: "プレビューは最新です。",
      preview_stale: "問題があるため、プレビューは最後に問題がなかった版のままです（古い表示）。",
      preview_none: "問題を直すとプレビューが表示されます。",
      stale_badge: "古い表示",
      analysis_waiting: "分析しています…",
      analysis_blocked: "問題を直すと分析できます。",
      analysis_failed: "分析できませんでした: {e}",
      col_outcome: "キャリア",
      col_top: "結果になる割合",
      col_second: "2番目",
      outcomes_caption: "キャリアごとの割合",
      bands_title: "PMO適性の判定",
      flags_title: "気になる点",
      no_flags: "気になる点はありません。",
      golden_pass: "合格",
      golden_fail: "不合格",
      golden_unchecked: "未確認",
      golden_unchecked_help: "ほかの問題を直すと見本ケースを確認します。",
      golden_none: "見本ケース（[[golden]]）はまだありません。",
      golden_all_pass: "見本ケース {n} 件はすべて合格です。",
      golden_some_fail: "見本ケース {n} 件のうち {f} 件が不合格です。",
      golden_fix: "足りない回答を加える: {answers}",
      golden_fixed: "見本ケース「{name}」に回答を加えました。",
      line_short: "{line}行目",
    },
    en: {
      title: "Quiz studio",
      tagline: "Your draft is kept in this browser only.",
      page_lang: "Page language",
      editor_title: "Editor",
      open_deployed: "Open the published file",
      open_file: "Open a file…",
      open_template: "Start from a template",
      download: "Download",
      save_server: "Save to the server",
      editing: "Editing",
      drop_hint: "You can also drop a file on the editor to open it.",
      problems_title: "Problems",
      preview_title: "Preview",
      width_label: "Screen width",
      phone: "Phone",
      laptop: "Laptop",
      preview_lang: "Preview language",
      restart: "Start over",
      preview_frame: "Preview: the quiz as visitors see it",
      analysis_title: "Analysis",
      golden_title: "Golden cases",
      encoding_text: "This file is not saved as UTF-8 (Shift_JIS?). Below is its content read as Shift_JIS.",
      convert_encoding: "Convert to UTF-8 and edit",
      lang_names: { ja: "日本語", en: "English" },
      checking: "Checking…",
      no_problems: "No problems.",
      n_problems: "{n} problems.",
      engine_failed: "The checker could not load: {e}",
      line_col: "line {line}, column {col}",
      no_position: "no position",
      restored: "Your draft is back ({name}).",
      restored_newer: "Your draft is back ({name}). The published file has changed since: “Open the published file” opens it.",
      opened_deployed: "Opened the published {name}.",
      opened_file: "Opened {name}.",
      opened_template: "Opened the template.",
      open_failed: "Could not open it: {e}",
      draft_saved: "Your draft is saved in this browser.",
      draft_unsaved: "This browser cannot keep your draft (no storage): download it to keep it.",
      downloaded: "Downloaded {name} (UTF-8, {eol} line endings).",
      replace_title: "Replace your draft?",
      replace_text: "Your draft has changes you have not downloaded or saved. Replacing it loses them.",
      replace_ok: "Replace",
      cancel: "Cancel",
      save_title: "Overwrite the file on the server?",
      save_text: "This replaces {file} on the server with your draft. The current {file} is kept as a backup in the same folder.",
      save_text_problems: "Your draft has {n} problems. Once saved, the preview page shows the list of problems.",
      save_ok: "Overwrite",
      saved: "Saved to {file}. The previous version is kept as {backup}.",
      save_conflict_title: "The file on the server has changed",
      save_conflict_text: "{file} on the server was changed by something else since you opened it. Overwrite it anyway? (That version goes to a backup.)",
      save_failed: "Could not save: {e}",
      preview_waiting: "Getting the preview ready…",
      preview_fresh: "The preview is up to date.",
      preview_stale: "The draft has problems: the preview shows the last version without any (out of date).",
      preview_none: "Fix the problems to see the preview.",
      stale_badge: "Out of date",
      analysis_waiting: "Analysing…",
      analysis_blocked: "Fix the problems to see the analysis.",
      analysis_failed: "The analysis failed: {e}",
      col_outcome: "Career path",
      col_top: "Ends on it",
      col_second: "Second",
      outcomes_caption: "Share of each career path",
      bands_title: "PMO fit",
      flags_title: "Worth a look",
      no_flags: "Nothing stands out.",
      golden_pass: "passes",
      golden_fail: "fails",
      golden_unchecked: "not checked",
      golden_unchecked_help: "The golden cases run once the other problems are fixed.",
      golden_none: "No golden cases ([[golden]]) yet.",
      golden_all_pass: "All {n} golden cases pass.",
      golden_some_fail: "{f} of {n} golden cases fail.",
      golden_fix: "Add the missing answers: {answers}",
      golden_fixed: "Added the answers to the golden case “{name}”.",
      line_short: "line {line}",
    },
  };

  function pageLanguage() {
    var want = [new URLSearchParams(location.search).get("lang") || ""].concat(navigator.languages || []);
    for (var i = 0; i < want.length; i++) {
      var w = String(want[i]).toLowerCase().split("-")[0];
      if (w === "ja" || w === "en") {
        return w;
      }
    }
    return "ja";
  }
  var lang = pageLanguage();

  function t(key, args) {
    var s = words[lang][key];
    if (typeof s !== "string") {
      s = words.ja[key];
    }
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return args && k in args ? String(args[k]) : m;
    });
  }

  function $(id) {
    return document.getElementById(id);
  }

  function applyWords() {
    document.documentElement.lang = lang;
    document.title = state.name + " — " + t("title");
    document.querySelectorAll("[data-t]").forEach(function (el) {
      el.textContent = t(el.dataset.t);
    });
    document.querySelectorAll("[data-t-aria]").forEach(function (el) {
      el.setAttribute("aria-label", t(el.dataset.tAria));
    });
    document.querySelectorAll("[data-t-title]").forEach(function (el) {
      el.title = t(el.dataset.tTitle);
    });
    document.querySelectorAll("button.lang").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    });
  }

  function setLanguage(l) {
    lang = l;
    var u = new URL(location.href);
    u.searchParams.set("lang", l);
    history.replaceState(history.state, "", u.toString());
    applyWords();
    renderProblems();
    renderPreviewLangs();
    renderPreviewStatus();
    renderAnalysis();
    renderGolden();
    if (state.docStatus) {
      setDocStatus(state.docStatus[0], state.docStatus[1]);
    }
  }

  // ---------------------------------------------------------------------
  // The document being edited.

  var draftKey = "pmoquiz-studio-draft " + config.scope;
  var state = {
    name: "quiz.toml",
    eol: "\n", // line endings as the file came; the editor works with \n
    base: "", // the server's ETag of the file it was opened from (-dev)
    clean: "", // the text last opened, downloaded or saved
    origin: "", // where it was opened from: "published", "file" or "template"
    raw: null, // the file's bytes while they are not UTF-8
    docStatus: null,
    problems: [],
    report: null,
    checkedText: null,
    lastInput: 0, // when the text last changed (performance.now())
    analysis: null,
    analysisError: "",
    analysing: false,
    dev: null, // {file, etag} when the server runs with -dev
  };

  var textarea = $("source");
  var highlight = $("highlight");
  var gutter = $("gutter");
  var editorBox = $("editor");

  function text() {
    return textarea.value;
  }

  function setDocStatus(key, args) {
    state.docStatus = [key, args];
    $("doc-status").textContent = t(key, args);
  }

  function isDirty() {
    return text() !== state.clean;
  }

  // load puts a new document in the editor.
  function load(doc, statusKey) {
    state.name = doc.name || "quiz.toml";
    state.eol = doc.eol || "\n";
    state.base = doc.base || "";
    state.raw = doc.raw || null;
    state.origin = doc.origin || "file";
    textarea.value = doc.text;
    textarea.readOnly = !!state.raw;
    state.clean = doc.clean !== undefined ? doc.clean : textarea.value;
    $("file-name").textContent = state.name;
    $("encoding-notice").hidden = !state.raw;
    document.title = state.name + " — " + t("title");
    setDocStatus(statusKey, { name: state.name });
    textChanged(true);
  }

  function eolOf(s) {
    var crlf = (s.match(/\r\n/g) || []).length;
    var lf = (s.match(/\n/g) || []).length - crlf;
    return crlf > lf ? "\r\n" : "\n";
  }

  // withEOL is the editor's text with the file's line endings.
  function withEOL(s) {
    return state.eol === "\r\n" ? s.replace(/\n/g, "\r\n") : s;
  }

  function confirmReplace() {
    if (!isDirty()) {
      return Promise.resolve(true);
    }
    return ask(t("replace_title"), t("replace_text"), t("replace_ok"));
  }

  function openDeployed(silent) {
    return fetch(config.quiz, { cache: "no-cache" }).then(function (r) {
      if (!r.ok) {
        throw new Error("HTTP " + r.status);
      }
      var etag = r.headers.get("ETag") || "";
      return r.text().then(function (s) {
        load({ name: "quiz.toml", text: s, eol: eolOf(s), base: etag, origin: "published" }, "opened_deployed");
      });
    }).catch(function (e) {
      if (!silent) {
        setDocStatus("open_failed", { e: String(e.message || e) });
      }
      throw e;
    });
  }

  function openTemplate() {
    return fetch(config.template).then(function (r) {
      if (!r.ok) {
        throw new Error("HTTP " + r.status);
      }
      return r.text();
    }).then(function (s) {
      load({ name: "quiz.toml", text: s, eol: "\n", clean: "", origin: "template" }, "opened_template");
    }).catch(function (e) {
      setDocStatus("open_failed", { e: String(e.message || e) });
    });
  }

  function openFile(file) {
    return file.arrayBuffer().then(function (buf) {
      var bytes = new Uint8Array(buf);
      var s;
      try {
        s = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch (e) {
        // Not UTF-8: the engine says so (with its position) from the
        // bytes; the editor shows them read as Shift_JIS until the
        // recruiter converts them.
        var sjis = new TextDecoder("shift_jis").decode(bytes);
        load({ name: file.name, text: sjis, eol: eolOf(sjis), raw: bytes, clean: "" }, "opened_file");
        return;
      }
      load({ name: file.name, text: s, eol: eolOf(s) }, "opened_file");
    }).catch(function (e) {
      setDocStatus("open_failed", { e: String(e.message || e) });
    });
  }

  $("convert-encoding").addEventListener("click", function () {
    state.raw = null;
    textarea.readOnly = false;
    $("encoding-notice").hidden = true;
    textChanged(true);
    textarea.focus();
  });

  $("open-deployed").addEventListener("click", function () {
    confirmReplace().then(function (ok) {
      if (ok) {
        openDeployed(false).catch(function () {});
      }
    });
  });
  $("open-template").addEventListener("click", function () {
    confirmReplace().then(function (ok) {
      if (ok) {
        openTemplate();
      }
    });
  });
  $("open-file").addEventListener("click", function () {
    $("file-input").click();
  });
  $("file-input").addEventListener("change", function (e) {
    var f = e.target.files && e.target.files[0];
    e.target.value = "";
    if (f) {
      confirmReplace().then(function (ok) {
        if (ok) {
          openFile(f);
        }
      });
    }
  });
  editorBox.addEventListener("dragover", function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      editorBox.classList.add("dropping");
    }
  });
  editorBox.addEventListener("dragleave", function () {
    editorBox.classList.remove("dropping");
  });
  editorBox.addEventListener("drop", function (e) {
    editorBox.classList.remove("dropping");
    var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!f) {
      return;
    }
    e.preventDefault();
    confirmReplace().then(function (ok) {
      if (ok) {
        openFile(f);
      }
    });
  });

  // Download: UTF-8, with the file's own line endings.
  $("download").addEventListener("click", function () {
    var body = new TextEncoder().encode(withEOL(text()));
    var url = URL.createObjectURL(new Blob([body], { type: "application/toml" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = state.name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    state.clean = text();
    saveDraft();
    setDocStatus("downloaded", { name: state.name, eol: state.eol === "\r\n" ? "CRLF" : "LF" });
  });

  // Saving to the server: only quizserver -dev answers GET config.save.
  function findDevServer() {
    if (!config.dev) {
      return; // a static host, or the server without -dev
    }
    fetch(config.save, { cache: "no-store", headers: { "X-Pmoquiz-Studio": "info" } }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (info) {
      if (info && info.file) {
        state.dev = info;
        $("save-server").hidden = false;
      }
    }).catch(function () {});
  }

  function postSave(base) {
    var headers = { "Content-Type": "application/toml; charset=utf-8", "X-Pmoquiz-Studio": "save" };
    if (base) {
      headers["X-Pmoquiz-Base"] = base;
    }
    return fetch(config.save, { method: "POST", cache: "no-store", headers: headers, body: withEOL(text()) });
  }

  function saveToServer() {
    var file = state.dev.file;
    var msg = t("save_text", { file: file });
    if (state.problems.length > 0) {
      msg += "\n" + t("save_text_problems", { n: state.problems.length });
    }
    ask(t("save_title"), msg, t("save_ok")).then(function (ok) {
      if (!ok) {
        return;
      }
      var saved = text();
      var attempt = function (base) {
        return postSave(base).then(function (r) {
          if (r.status === 409) {
            return ask(t("save_conflict_title"), t("save_conflict_text", { file: file }), t("save_ok")).then(function (again) {
              return again ? attempt("") : null;
            });
          }
          return r.json().catch(function () { return { error: "HTTP " + r.status }; }).then(function (j) {
            if (!r.ok || j.error) {
              throw new Error(j.error || "HTTP " + r.status);
            }
            state.base = j.etag || "";
            state.clean = saved;
            state.origin = "published";
            saveDraft();
            setDocStatus("saved", { file: j.file, backup: j.backup || "-" });
          });
        });
      };
      attempt(state.base || "").catch(function (e) {
        setDocStatus("save_failed", { e: String(e.message || e) });
      });
    });
  }
  $("save-server").addEventListener("click", saveToServer);

  // The draft, kept in localStorage across reloads.
  function saveDraft() {
    clearTimeout(draftSaveTimer);
    draftSaveTimer = 0;
    try {
      localStorage.setItem(draftKey, JSON.stringify({
        v: 1, name: state.name, eol: state.eol, base: state.base, text: text(), clean: state.clean, origin: state.origin,
      }));
      return true;
    } catch (e) {
      return false;
    }
  }
  // noticeNewerPublished says so when the published file changed since
  // the draft was opened from it (or last saved or downloaded).
  function noticeNewerPublished(d) {
    fetch(config.quiz, { cache: "no-cache" }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (published) {
      if (published !== null && published.replace(/\r\n/g, "\n") !== d.clean && state.docStatus && state.docStatus[0] === "restored") {
        setDocStatus("restored_newer", { name: state.name });
      }
    }).catch(function () {});
  }

  // Leaving the page keeps the last keystrokes too.
  window.addEventListener("pagehide", function () {
    if (draftSaveTimer) {
      saveDraft();
    }
  });

  function restoreDraft() {
    try {
      var d = JSON.parse(localStorage.getItem(draftKey) || "null");
      if (d && d.v === 1 && typeof d.text === "string") {
        load({ name: d.name, text: d.text, eol: d.eol, base: d.base, origin: d.origin,
          clean: typeof d.clean === "string" ? d.clean : d.text }, "restored");
        if (d.origin === "published") {
          noticeNewerPublished(d);
        }
        return true;
      }
    } catch (e) {}
    return false;
  }

  // ---------------------------------------------------------------------
  // The editor: a real textarea over the same text drawn in colour, line
  // numbers beside it. Both grow with the text; the box around them
  // scrolls.

  var lines = []; // the text's lines as last drawn
  var lineEls = []; // their elements in #highlight
  var startStates = []; // the multi-line string open at each line's start
  var gutterEls = [];

  // tokens splits one line into [class, text] pieces; state is the
  // multi-line string open at its start ('"""', "'''" or "").
  function tokens(line, state) {
    var out = [];
    var i = 0;
    var n = line.length;
    function push(cls, s) {
      if (s) {
        out.push([cls, s]);
      }
    }
    if (state) {
      var end = line.indexOf(state);
      while (end > 0 && state === '"""' && isEscaped(line, end)) {
        end = line.indexOf(state, end + 1);
      }
      if (end < 0) {
        push("str", line);
        return { toks: out, state: state };
      }
      end += 3;
      while (end < n && line[end] === state[0] && end - line.indexOf(state) < 5) {
        end++;
      }
      push("str", line.slice(0, end));
      i = end;
      state = "";
    }
    var first = true; // no token yet on the line
    var keyNext = !state && i === 0;
    while (i < n) {
      var c = line[i];
      if (c === " " || c === "\t") {
        var j = i;
        while (j < n && (line[j] === " " || line[j] === "\t")) {
          j++;
        }
        push("", line.slice(i, j));
        i = j;
        continue;
      }
      if (c === "\u3000") { // a full-width space: Japanese typists' trap
        push("fw", c);
        i++;
        continue;
      }
      if (c === "#") {
        push("com", line.slice(i));
        break;
      }
      if (c === "[" && first) {
        var close = line.indexOf("]", i);
        var hend = close < 0 ? n : close + 1;
        if (line[hend] === "]") {
          hend++;
        }
        push("hdr", line.slice(i, hend));
        i = hend;
        first = false;
        keyNext = false;
        continue;
      }
      if (c === '"' || c === "'") {
        var triple = line.substr(i, 3) === c + c + c;
        var s = triple ? endTriple(line, i, c) : endString(line, i, c);
        var tok = line.slice(i, s.end);
        var after = line.slice(s.end).match(/^\s*=/);
        push(keyNext && after ? "key" : "str", tok);
        i = s.end;
        if (s.open) {
          return { toks: out, state: c + c + c };
        }
        first = false;
        continue;
      }
      var bare = line.slice(i).match(/^[A-Za-z0-9_\-.:+]+/);
      if (bare) {
        var word = bare[0];
        var isKey = keyNext && /^\s*=/.test(line.slice(i + word.length));
        var cls = isKey ? "key" : /^(true|false)$/.test(word) ? "bool" : /^[+-]?(\d|inf|nan)/.test(word) ? "num" : "";
        push(cls, word);
        i += word.length;
        first = false;
        keyNext = keyNext && isKey;
        continue;
      }
      if (c === "=") {
        keyNext = false;
      } else if (c === "{" || c === ",") {
        keyNext = c === "{" || keyNext || inInline(out);
      }
      push("punc", c);
      i++;
      first = false;
    }
    return { toks: out, state: "" };
  }
  function isEscaped(line, at) {
    var k = 0;
    while (at - 1 - k >= 0 && line[at - 1 - k] === "\\") {
      k++;
    }
    return k % 2 === 1;
  }
  function endString(line, i, q) {
    for (var j = i + 1; j < line.length; j++) {
      if (q === '"' && line[j] === "\\") {
        j++;
        continue;
      }
      if (line[j] === q) {
        return { end: j + 1, open: false };
      }
    }
    return { end: line.length, open: false };
  }
  function endTriple(line, i, q) {
    var d = q + q + q;
    var k = line.indexOf(d, i + 3);
    while (k >= 0 && q === '"' && isEscaped(line, k)) {
      k = line.indexOf(d, k + 1);
    }
    if (k < 0) {
      return { end: line.length, open: true };
    }
    var end = k + 3;
    while (end < line.length && line[end] === q && end - k < 5) {
      end++;
    }
    return { end: end, open: false };
  }
  // inInline: a comma inside { … } comes before a key.
  function inInline(out) {
    var depth = 0;
    for (var k = 0; k < out.length; k++) {
      if (out[k][0] === "punc") {
        if (out[k][1] === "{") {
          depth++;
        } else if (out[k][1] === "}") {
          depth--;
        }
      }
    }
    return depth > 0;
  }

  function drawLine(el, toks) {
    el.textContent = "";
    toks.forEach(function (tk) {
      if (!tk[0]) {
        el.appendChild(document.createTextNode(tk[1]));
        return;
      }
      var span = document.createElement("span");
      span.className = "t-" + tk[0];
      span.textContent = tk[1];
      el.appendChild(span);
    });
  }

  function newLineEl() {
    var el = document.createElement("div");
    el.className = "hl-line";
    return el;
  }

  // redraw updates the coloured copy and the line numbers for the text
  // now in the textarea: only the lines that changed, and those after
  // them whose multi-line string state changed.
  function redraw() {
    var now = text().split("\n");
    var start = 0;
    while (start < now.length && start < lines.length && now[start] === lines[start]) {
      start++;
    }
    var endNew = now.length;
    var endOld = lines.length;
    while (endNew > start && endOld > start && now[endNew - 1] === lines[endOld - 1]) {
      endNew--;
      endOld--;
    }
    // Replace the changed lines' elements.
    var fresh = [];
    for (var k = start; k < endNew; k++) {
      fresh.push(newLineEl());
    }
    var before = lineEls[endOld] || null;
    for (var r = start; r < endOld; r++) {
      lineEls[r].remove();
    }
    fresh.forEach(function (el) {
      highlight.insertBefore(el, before);
    });
    Array.prototype.splice.apply(lineEls, [start, endOld - start].concat(fresh));
    startStates.length = Math.max(startStates.length, now.length);
    Array.prototype.splice.apply(startStates, [start, endOld - start].concat(new Array(endNew - start).fill(undefined)));
    lines = now;
    // Colour from the first changed line on, until the state settles.
    var st = start > 0 ? tokens(lines[start - 1], startStates[start - 1] || "").state : "";
    for (var i = start; i < lines.length; i++) {
      if (i >= endNew && startStates[i] === st) {
        break;
      }
      startStates[i] = st;
      var res = tokens(lines[i], st);
      drawLine(lineEls[i], res.toks);
      st = res.state;
    }
    startStates.length = lines.length;
    drawGutter();
  }

  function drawGutter() {
    while (gutterEls.length < lines.length) {
      var el = document.createElement("div");
      el.className = "ln";
      el.textContent = String(gutterEls.length + 1);
      gutter.appendChild(el);
      gutterEls.push(el);
    }
    while (gutterEls.length > lines.length) {
      gutterEls.pop().remove();
    }
    markGutter();
  }

  function markGutter() {
    var bad = {};
    state.problems.forEach(function (p) {
      if (p.line > 0) {
        bad[p.line] = true;
      }
    });
    gutterEls.forEach(function (el, i) {
      var isBad = !!bad[i + 1] && state.checkedText === text();
      el.classList.toggle("bad", isBad);
    });
  }

  // offsetOf is the textarea offset of line:col as the checker counts
  // them (columns in characters, a byte-order mark not counted).
  function offsetOf(line, col) {
    var s = text();
    var off = 0;
    for (var l = 1; l < line; l++) {
      var nl = s.indexOf("\n", off);
      if (nl < 0) {
        return s.length;
      }
      off = nl + 1;
    }
    if (line === 1 && s.charCodeAt(0) === 0xfeff) {
      off++;
    }
    var lineEnd = s.indexOf("\n", off);
    if (lineEnd < 0) {
      lineEnd = s.length;
    }
    var k = 1;
    for (var it = s.slice(off, lineEnd)[Symbol.iterator](), c = it.next(); !c.done && k < col; c = it.next(), k++) {
      off += c.value.length;
    }
    return off;
  }

  function lineHeight() {
    return parseFloat(getComputedStyle(highlight).lineHeight) || 20;
  }

  // reveal scrolls the editor's box so that line is in view.
  function reveal(line, center) {
    var lh = lineHeight();
    var row = lineEls[Math.min(line, lineEls.length) - 1];
    if (!row) {
      return;
    }
    var box = editorBox;
    var top = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (center) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    } else if (top < box.scrollTop) {
      box.scrollTop = top - lh;
    } else if (top + 2 * lh > box.scrollTop + box.clientHeight) {
      box.scrollTop = top + 2 * lh - box.clientHeight;
    }
  }

  function caretLine() {
    var s = text();
    var end = textarea.selectionEnd;
    var n = 1;
    for (var i = s.indexOf("\n"); i >= 0 && i < end; i = s.indexOf("\n", i + 1)) {
      n++;
    }
    return n;
  }

  // goTo puts the cursor at line:col, in view.
  function goTo(line, col) {
    var off = offsetOf(line, col);
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(off, off);
    reveal(line, true);
  }

  // insertAt inserts s at line:col as typing would (undo takes it back).
  function insertAt(line, col, s) {
    var off = offsetOf(line, col);
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(off, off);
    var done = false;
    try {
      done = document.execCommand("insertText", false, s);
    } catch (e) {}
    if (!done) {
      textarea.setRangeText(s, off, off, "end");
      textChanged(false);
    }
    reveal(line, true);
  }

  textarea.addEventListener("input", function () {
    if (state.raw) {
      return;
    }
    textChanged(false);
    reveal(caretLine(), false);
  });
  textarea.addEventListener("keyup", function (e) {
    if (e.key && e.key.indexOf("Arrow") === 0 || e.key === "PageDown" || e.key === "PageUp" || e.key === "Home" || e.key === "End") {
      reveal(caretLine(), false);
    }
  });
  textarea.addEventListener("scroll", function () {
    // The textarea never scrolls itself: its box does.
    textarea.scrollTop = 0;
    textarea.scrollLeft = 0;
  });

  var checkTimer = 0;
  var draftSaveTimer = 0;
  // textChanged redraws, and checks the text after a pause in typing.
  function textChanged(now) {
    state.lastInput = performance.now();
    redraw();
    markGutter();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(requestCheck, now ? 0 : 250);
    clearTimeout(draftSaveTimer);
    draftSaveTimer = setTimeout(function () {
      draftSaveTimer = 0;
      if (!saveDraft()) {
        setDocStatus("draft_unsaved");
      }
    }, now ? 0 : 400);
    if (!state.checking) {
      renderProblemCount();
    }
  }

  // ---------------------------------------------------------------------
  // The engine, in Web Workers: one checks, one analyses. Each has at most
  // one request in flight; a newer one replaces any that waits.

  function Engine(onResult) {
    this.onResult = onResult;
    this.busy = false;
    this.next = null;
    this.failed = "";
    this.start();
  }
  Engine.prototype.start = function () {
    var self = this;
    this.worker = new Worker(config.engine);
    this.worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === "failed") {
        self.failed = m.error;
        self.onResult(null, m);
        return;
      }
      self.busy = false;
      self.onResult(m.result, m);
      self.pump();
    };
    this.worker.onerror = function (e) {
      self.failed = e.message || "worker error";
      self.busy = false;
      self.onResult(null, { error: self.failed });
    };
  };
  Engine.prototype.send = function (msg) {
    this.next = msg;
    this.pump();
  };
  Engine.prototype.pump = function () {
    if (this.busy || !this.next) {
      return;
    }
    this.busy = true;
    this.worker.postMessage(this.next);
    this.next = null;
  };

  var checkSeq = 0;
  var checker = new Engine(function (report, m) {
    if (!report) {
      state.checking = false;
      $("problem-count").textContent = t("engine_failed", { e: m.error || "" });
      return;
    }
    if (m.id !== checkSeq) {
      return; // an older text: the newer one is on its way
    }
    state.checking = false;
    state.report = report;
    state.problems = report.problems;
    state.checkedText = checking.text;
    // From the last keystroke to the problems on screen (the tests and
    // README's figures read it).
    document.documentElement.dataset.checkMs = String(Math.round(performance.now() - checking.inputAt));
    document.documentElement.dataset.engineMs = String(Math.round(m.ms)); // of which the engine
    renderProblems();
    markGutter();
    renderGolden();
    previewDraft(report, checking.text);
    if (report.analysable) {
      scheduleAnalysis(checking.text);
    } else {
      state.analysis = null;
      state.analysing = false;
      renderAnalysis();
    }
  });

  var checking = { text: "", inputAt: 0 }; // what the latest request checks
  function requestCheck() {
    checkSeq++;
    state.checking = true;
    checking = { text: text(), inputAt: state.lastInput };
    checker.send({ type: "check", id: checkSeq, src: state.raw ? state.raw : checking.text, file: state.name });
    renderProblemCount();
  }

  var analysisTimer = 0;
  var analysisSeq = 0;
  var analyser = null;
  function scheduleAnalysis(src) {
    clearTimeout(analysisTimer);
    state.analysing = true;
    renderAnalysisStatus();
    analysisTimer = setTimeout(function () {
      if (!analyser) {
        analyser = new Engine(function (a, m) {
          if (!a) {
            state.analysing = false;
            state.analysisError = m.error || "";
            renderAnalysis();
            return;
          }
          if (m.id !== analysisSeq) {
            return;
          }
          state.analysing = false;
          document.documentElement.dataset.analysisMs = String(Math.round(m.ms)); // in its worker
          state.analysis = a.error ? null : a;
          state.analysisError = a.error || "";
          renderAnalysis();
        });
      }
      analysisSeq++;
      analyser.send({ type: "analyze", id: analysisSeq, src: src, file: state.name });
    }, 600);
  }

  // ---------------------------------------------------------------------
  // Problems.

  function renderProblemCount() {
    var el = $("problem-count");
    if (state.checking || state.checkedText !== text()) {
      el.textContent = t("checking");
    } else if (state.problems.length === 0) {
      el.textContent = t("no_problems");
    } else {
      el.textContent = t("n_problems", { n: state.problems.length });
    }
  }

  function renderProblems() {
    renderProblemCount();
    var list = $("problems");
    list.textContent = "";
    state.problems.forEach(function (p, i) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.className = "problem";
      b.dataset.line = String(p.line);
      b.dataset.col = String(p.col);
      b.id = "problem-" + i;
      var pos = document.createElement("span");
      pos.className = "pos";
      pos.textContent = p.line > 0 ? t("line_col", { line: p.line, col: p.col }) : t("no_position");
      var msg = document.createElement("span");
      msg.className = "msg";
      msg.textContent = (p.path ? p.path + ": " : "") + (p.msg[lang] || p.msg.en);
      b.appendChild(pos);
      b.appendChild(msg);
      if (p.line > 0) {
        b.addEventListener("click", function () {
          goTo(p.line, p.col);
        });
      } else {
        b.disabled = true;
      }
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  // ---------------------------------------------------------------------
  // The preview: the real widget in a frame of this origin, given each
  // draft without problems by postMessage.

  var frame = $("preview");
  var preview = {
    ready: false,
    width: "phone",
    lang: "",
    seq: 0,
    sentText: null, // the last draft sent
    good: null, // the last draft without problems
    locales: [],
    stale: false,
    applied: 0,
    sentAt: 0,
  };

  function postPreview(m) {
    m.ns = "pmoquiz-studio";
    m.v = 1;
    frame.contentWindow.postMessage(m, location.origin);
  }

  function sendPreview() {
    if (!preview.ready || preview.good === null || preview.good === preview.sentText) {
      return;
    }
    preview.seq++;
    preview.sentText = preview.good;
    preview.sentAt = checking.inputAt || performance.now();
    postPreview({ type: "source", seq: preview.seq, text: preview.good, lang: preview.lang });
  }

  function previewDraft(report, src) {
    if (report.ok && !state.raw) {
      preview.good = src;
      preview.stale = false;
      preview.locales = report.quiz.locales;
      if (preview.locales.indexOf(preview.lang) < 0) {
        preview.lang = preview.locales.indexOf(lang) >= 0 ? lang : preview.locales[0];
      }
      renderPreviewLangs();
      sendPreview();
    } else {
      preview.stale = true;
    }
    renderPreviewStatus();
  }

  window.addEventListener("message", function (e) {
    if (e.origin !== location.origin || e.source !== frame.contentWindow) {
      return;
    }
    var d = e.data;
    if (!d || d.ns !== "pmoquiz-studio" || d.v !== 1) {
      return;
    }
    if (d.type === "ready") {
      preview.ready = true;
      preview.sentText = null;
      sendPreview();
      renderPreviewStatus();
    } else if (d.type === "applied" && d.seq === preview.seq) {
      preview.applied = d.seq;
      document.documentElement.dataset.previewMs = String(Math.round(performance.now() - preview.sentAt));
      renderPreviewStatus();
    }
  });

  function renderPreviewStatus() {
    var key = "preview_waiting";
    if (preview.good === null) {
      key = state.report ? "preview_none" : "preview_waiting";
    } else if (preview.stale) {
      key = "preview_stale";
    } else if (preview.ready && preview.applied === preview.seq) {
      key = "preview_fresh";
    }
    $("preview-status").textContent = t(key);
    $("frame-box").classList.toggle("stale", preview.stale && preview.good !== null);
    $("frame-box").dataset.badge = t("stale_badge");
  }

  function renderPreviewLangs() {
    var box = $("preview-langs");
    box.textContent = "";
    preview.locales.forEach(function (l) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "plang";
      b.lang = l;
      b.dataset.lang = l;
      b.textContent = (words[lang].lang_names[l]) || l;
      b.setAttribute("aria-pressed", String(l === preview.lang));
      b.addEventListener("click", function () {
        preview.lang = l;
        renderPreviewLangs();
        if (preview.ready) {
          postPreview({ type: "lang", lang: l });
        }
      });
      box.appendChild(b);
    });
  }

  var sizes = { phone: [390, 780], laptop: [1280, 800] };
  function layoutFrame() {
    var box = $("frame-box");
    var size = sizes[preview.width];
    var scale = Math.min(1, box.clientWidth / size[0]);
    frame.style.width = size[0] + "px";
    frame.style.height = size[1] + "px";
    frame.style.transform = scale < 1 ? "scale(" + scale + ")" : "";
    box.style.height = Math.ceil(size[1] * scale) + "px";
  }
  document.querySelectorAll("button.width").forEach(function (b) {
    b.addEventListener("click", function () {
      preview.width = b.dataset.width;
      document.querySelectorAll("button.width").forEach(function (o) {
        o.setAttribute("aria-pressed", String(o === b));
      });
      layoutFrame();
    });
  });
  window.addEventListener("resize", layoutFrame);
  $("preview-restart").addEventListener("click", function () {
    if (preview.ready) {
      postPreview({ type: "restart" });
    }
  });

  // ---------------------------------------------------------------------
  // Analysis and golden cases.

  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (txt !== undefined) {
      e.textContent = txt;
    }
    return e;
  }

  function renderAnalysisStatus() {
    var s = "";
    if (state.analysing) {
      s = t("analysis_waiting");
    } else if (state.analysisError) {
      s = t("analysis_failed", { e: state.analysisError });
    } else if (!state.analysis && state.report && !state.report.analysable) {
      s = t("analysis_blocked");
    }
    $("analysis-status").textContent = s;
    $("analysis").classList.toggle("stale", state.analysing || !!(state.report && !state.report.analysable));
  }

  function renderAnalysis() {
    renderAnalysisStatus();
    var box = $("analysis");
    var a = state.analysis;
    box.textContent = "";
    if (!a) {
      return;
    }
    box.appendChild(el("p", "summary", a.summary[lang]));
    if (a.note && a.note[lang]) {
      box.appendChild(el("p", "note", a.note[lang]));
    }
    var table = el("table", "shares");
    table.appendChild(el("caption", "", t("outcomes_caption")));
    var head = el("tr");
    [t("col_outcome"), t("col_top"), t("col_second")].forEach(function (h) {
      var th = el("th", "", h);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    a.outcomes.forEach(function (o) {
      var tr = el("tr");
      var th = el("th", "", o.title[lang]);
      th.scope = "row";
      tr.appendChild(th);
      var td = el("td", "bar-cell");
      var bar = el("span", "share-bar");
      bar.style.width = Math.min(100, o.percent) + "%";
      td.appendChild(bar);
      td.appendChild(el("span", "figure", o.percent.toFixed(1) + " %"));
      tr.appendChild(td);
      tr.appendChild(el("td", "figure", o.second.toFixed(1) + " %"));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    box.appendChild(table);
    var sentences = el("ul", "sentences");
    a.outcomes.forEach(function (o) {
      sentences.appendChild(el("li", "", o.sentence[lang]));
    });
    box.appendChild(sentences);
    if (a.bands.length > 0) {
      box.appendChild(el("h3", "", t("bands_title")));
      var bl = el("ul", "sentences");
      a.bands.forEach(function (b) {
        bl.appendChild(el("li", "", b.sentence[lang]));
      });
      box.appendChild(bl);
    }
    box.appendChild(el("p", "", a.ties.sentence[lang]));
    box.appendChild(el("h3", "", t("flags_title")));
    if (a.flags.length === 0) {
      box.appendChild(el("p", "", t("no_flags")));
    } else {
      var fl = el("ul", "flags");
      a.flags.forEach(function (f) {
        fl.appendChild(el("li", "", f[lang]));
      });
      box.appendChild(fl);
    }
  }

  function renderGolden() {
    var list = $("golden");
    list.textContent = "";
    var r = state.report;
    var st = $("golden-status");
    if (!r) {
      st.textContent = "";
      return;
    }
    var gs = r.golden || [];
    var failing = gs.filter(function (g) { return g.state === "fail"; }).length;
    var unchecked = gs.filter(function (g) { return g.state === "unchecked"; }).length;
    if (gs.length === 0) {
      st.textContent = t("golden_none");
    } else if (unchecked > 0) {
      st.textContent = t("golden_unchecked_help");
    } else if (failing === 0) {
      st.textContent = t("golden_all_pass", { n: gs.length });
    } else {
      st.textContent = t("golden_some_fail", { n: gs.length, f: failing });
    }
    gs.forEach(function (g) {
      var li = el("li", "golden-case " + g.state);
      li.dataset.index = String(g.index);
      var head = el("p", "golden-head");
      head.appendChild(el("span", "badge " + g.state, t("golden_" + g.state)));
      head.appendChild(document.createTextNode(" " + g.name + " "));
      if (g.line > 0) {
        var go = el("button", "link", t("line_short", { line: g.line }));
        go.type = "button";
        go.addEventListener("click", function () { goTo(g.line, 1); });
        head.appendChild(go);
      }
      li.appendChild(head);
      g.problems.forEach(function (i) {
        var p = r.problems[i];
        if (p) {
          li.appendChild(el("p", "golden-problem", p.msg[lang] || p.msg.en));
        }
      });
      if (g.fix && r === state.report && state.checkedText === text()) {
        var fix = el("button", "fix", t("golden_fix", { answers: g.fix.answers.join(", ") }));
        fix.type = "button";
        fix.addEventListener("click", function () {
          if (state.checkedText !== text()) {
            return; // the text moved on: the next check offers it again
          }
          insertAt(g.fix.line, g.fix.col, g.fix.text);
          setDocStatus("golden_fixed", { name: g.name });
        });
        li.appendChild(fix);
      }
      list.appendChild(li);
    });
  }

  // ---------------------------------------------------------------------
  // A confirmation in a modal dialog.

  function ask(title, body, okLabel) {
    var d = $("confirm");
    $("confirm-title").textContent = title;
    $("confirm-text").textContent = body;
    $("confirm-ok").textContent = okLabel;
    $("confirm-cancel").textContent = t("cancel");
    return new Promise(function (resolve) {
      function done(v) {
        $("confirm-ok").removeEventListener("click", yes);
        $("confirm-cancel").removeEventListener("click", no);
        d.removeEventListener("cancel", no);
        if (d.open) {
          d.close();
        }
        resolve(v);
      }
      function yes() { done(true); }
      function no(e) {
        if (e) {
          e.preventDefault();
        }
        done(false);
      }
      $("confirm-ok").addEventListener("click", yes);
      $("confirm-cancel").addEventListener("click", no);
      d.addEventListener("cancel", no);
      d.showModal();
      $("confirm-cancel").focus();
    });
  }

  // ---------------------------------------------------------------------
  // Start.

  document.querySelectorAll("button.lang").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.dataset.lang); });
  });
  applyWords();
  layoutFrame();
  renderPreviewStatus();
  if (!restoreDraft()) {
    openDeployed(true).catch(function () { openTemplate(); });
  }
  findDevServer();
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(config.worker, { scope: config.scope }).catch(function (err) {
      console.warn("studio: the offline copy is not available:", err);
    });
  }
})();
