/* lessonkit site: small enhancements on top of pages that work without JavaScript.
   Nothing here loads anything from another host, and no text from the pages is ever
   inserted as HTML (textContent and createElement only). */
(function () {
  "use strict";

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
})();
