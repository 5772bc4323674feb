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
