// Logs the quiz's host events as a site owner's analytics would receive them.
document.addEventListener("DOMContentLoaded", function () {
  var log = document.getElementById("log");
  ["quiz:ready", "quiz:start", "quiz:progress", "quiz:complete", "quiz:cta"].forEach(function (name) {
    document.addEventListener(name, function (e) {
      var li = document.createElement("li");
      // detail.quiz names the quiz (its [quiz] id); e.target is its placeholder.
      li.textContent = e.detail.quiz + " (#" + e.target.id + ") " + name + " " + JSON.stringify(e.detail);
      log.appendChild(li);
    });
  });
});
