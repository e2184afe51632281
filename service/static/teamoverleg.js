// The team-meeting view one slide at a time: arrow keys, PageUp/PageDown (a presenter's
// clicker), Home/End, the page's own links, and a full-screen button. Without this file
// the slides follow each other on one page.
(function () {
  "use strict";
  var dias = Array.prototype.slice.call(document.querySelectorAll(".teamoverleg .dia"));
  if (!dias.length) { return; }
  var huidig = 0;

  function plek(hash) {
    for (var i = 0; i < dias.length; i += 1) {
      if ("#" + dias[i].id === hash) { return i; }
    }
    return -1;
  }

  function toon(i) {
    huidig = Math.min(Math.max(i, 0), dias.length - 1);
    dias.forEach(function (dia, j) { dia.hidden = j !== huidig; });
    if (window.location.hash !== "#" + dias[huidig].id) {
      history.replaceState(null, "", "#" + dias[huidig].id);
    }
    dias[huidig].setAttribute("tabindex", "-1");
    dias[huidig].focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, select, textarea, button")) {
      return;
    }
    var naar = { ArrowRight: huidig + 1, PageDown: huidig + 1, ArrowLeft: huidig - 1,
      PageUp: huidig - 1, Home: 0, End: dias.length - 1 }[e.key];
    if (naar !== undefined) {
      e.preventDefault();
      toon(naar);
    }
  });

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a[href^='#dia-']");
    if (link && plek(link.getAttribute("href")) >= 0) {
      e.preventDefault();
      toon(plek(link.getAttribute("href")));
    }
  });

  var knop = document.querySelector(".teamoverleg .volledig");
  var scherm = document.querySelector(".teamoverleg");
  if (knop && scherm.requestFullscreen) {
    knop.hidden = false;
    knop.addEventListener("click", function () { scherm.requestFullscreen(); });
  }

  document.documentElement.classList.add("dia-modus");
  toon(Math.max(plek(window.location.hash), 0));
}());
