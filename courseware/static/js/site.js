/* Every page: the main menu folds behind a "Menu" button when its links do not fit on one row,
   text areas grow with their text where the browser cannot do it with CSS (field-sizing), and a
   journey map's "swipe sideways" hint only shows when its phases do not fit.
   Without JavaScript the links wrap, text areas can be resized by hand and the hint stays. */
(function () {
  "use strict";

  function foldMenu() {
    var header = document.querySelector(".site-header");
    var button = header && header.querySelector(".menu-button");
    var nav = header && header.querySelector("nav");
    if (!button || !nav) return;
    var items = nav.querySelectorAll(".nav > li");

    function fit() {
      header.classList.remove("folded");
      nav.hidden = false;
      button.hidden = true;
      var wraps = items.length > 1 && items[items.length - 1].offsetTop > items[0].offsetTop;
      if (!wraps) return;
      header.classList.add("folded");
      button.hidden = false;
      nav.hidden = button.getAttribute("aria-expanded") !== "true";
    }

    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      nav.hidden = !open;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        nav.hidden = true;
        button.focus();
      }
    });
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; fit(); });
    });
    fit();
  }

  function growTextareas() {
    if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) return;
    function grow(area) {
      area.style.height = "auto";
      area.style.height = area.scrollHeight + 2 + "px";
    }
    document.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") grow(event.target);
    });
    /* Markup put in place by a script (builder.js) brings new text areas. */
    document.addEventListener("content-replaced", function (event) {
      Array.prototype.forEach.call(event.target.querySelectorAll("textarea"), grow);
    });
    Array.prototype.forEach.call(document.querySelectorAll("textarea"), grow);
  }

  function mapHints() {
    var hints = document.querySelectorAll(".jm-hint");
    if (!hints.length) return;
    function fit() {
      Array.prototype.forEach.call(hints, function (hint) {
        var scroller = hint.nextElementSibling;  // the macro puts the hint right above its map
        if (!scroller || !scroller.classList.contains("jm-scroll")) return;
        hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
      });
    }
    window.addEventListener("resize", fit);
    fit();
  }

  foldMenu();
  growTextareas();
  mapHints();
})();
