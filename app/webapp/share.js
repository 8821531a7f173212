// A share page's script (app/webapp/share.go), the only one it loads: a
// link that carries the answers in its fragment (#r=<quiz hash>.<answers>,
// which browsers never send) shows "See this result in full", the quiz's
// page with the same fragment, where the quiz opens that result. Without
// it (or without JavaScript) the page reads the same, with its button to
// take the quiz.
"use strict";
(() => {
  const box = document.getElementById("share-full-box");
  const link = document.getElementById("share-full");
  if (!box || !link || !/^#r=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(location.hash)) {
    return;
  }
  link.href = link.getAttribute("href").split("#")[0] + location.hash;
  box.hidden = false;
})();
