// Shown only by a preview (`mkdocs serve`) whose last edit left the content with problems: the
// site stays the last good one, and every page says what to mend, as `casebook check` says it.
// The preview adds this to the script that every page loads, after the list of problems.
(function () {
  "use strict";
  var problems = window.casebookProblems || [];
  if (!problems.length) return;
  function show() {
    var box = document.createElement("div");
    box.id = "casebook-problems";
    box.setAttribute("role", "alert");
    // Styles through the CSSOM, which the site's Content-Security-Policy allows (a style attribute it refuses).
    box.style.cssText = ("position:fixed;inset:auto 0 0 0;z-index:1000;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.5rem;" +
      "background:#3b0a0a;color:#fff;font:0.8rem/1.5 monospace;box-shadow:0 -0.2rem 1rem rgba(0,0,0,.4)");
    var heading = document.createElement("p");
    heading.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    heading.textContent = "Casebook cannot show your last edit: the content has problems. This is the last good build.";
    box.appendChild(heading);
    var list = document.createElement("pre");
    list.style.cssText = "margin:0;white-space:pre-wrap";
    list.textContent = problems.join("\n");
    box.appendChild(list);
    document.body.appendChild(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
