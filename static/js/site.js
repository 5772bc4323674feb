// Text-size controls (« Agrandir / Diminuer la taille du texte »), remembered in this browser's
// localStorage: no cookie, nothing sent to the server. Without JavaScript the buttons stay hidden
// and the browser's own zoom still works.
(function () {
  "use strict";
  var STORAGE_KEY = "essonne-intl-text-scale";
  var MIN = 0;
  var MAX = 4;
  var root = document.documentElement;

  function readScale() {
    try {
      var stored = parseInt(window.localStorage.getItem(STORAGE_KEY), 10);
      return isNaN(stored) ? 0 : Math.min(MAX, Math.max(MIN, stored));
    } catch (error) {
      return 0;
    }
  }

  function applyScale(scale) {
    for (var step = MIN; step <= MAX; step++) {
      root.classList.toggle("text-scale-" + step, step === scale && step !== 0);
    }
  }

  function saveScale(scale) {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(scale));
    } catch (error) {
      // Private browsing may refuse storage: the size still applies to this page.
    }
  }

  applyScale(readScale());

  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelector(".text-size");
    if (!controls) {
      return;
    }
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-text-size]");
      if (!button) {
        return;
      }
      var scale = readScale() + (button.getAttribute("data-text-size") === "up" ? 1 : -1);
      scale = Math.min(MAX, Math.max(MIN, scale));
      applyScale(scale);
      saveScale(scale);
    });
  });
})();

// After a form comes back with errors, its summary takes the focus: a screen reader announces
// it (its heading, then the list of errors with links to the fields) and a keyboard user starts
// there. The summary is not a live region: nothing is announced on a page that merely loads.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// On a phone, the « Menu » button folds the navigation, the search and the text-size controls
// so that the page starts near the top of the screen. Without JavaScript the button stays
// hidden and everything is shown, as on a wide screen.
(function () {
  "use strict";
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu) {
    return;
  }
  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("site-menu--open", open);
  }
  toggle.hidden = false;
  document.documentElement.classList.add("has-menu-toggle");
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  toggle.parentNode.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
