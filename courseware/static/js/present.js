/* Klantreislab presentation mode: keyboard navigation between slides.
 *
 * The slides are ordinary pages with real links (Vorige, Volgende, Sluiten) that work without
 * JavaScript; this file only follows those links from the keyboard or a presenter remote:
 *   ArrowRight, PageDown, Space -> next slide      ArrowLeft, PageUp -> previous slide
 *   Home -> first slide   End -> last slide         Escape -> back to the gallery
 * Keys typed into a form field are left alone, and an arrow key still scrolls a map that is
 * wider than the screen while it has the focus. No inline scripts: wired here.
 */
(function () {
  "use strict";

  var nav = document.querySelector("[data-present-nav]");
  if (!nav) { return; }

  var help = document.querySelector("[data-present-keys]");
  if (help) { help.hidden = false; }

  var leaving = false;

  function linkTo(kind) {
    var link = nav.querySelector('[data-present="' + kind + '"]');
    return link ? link.getAttribute("href") : null;
  }

  function go(url) {
    if (!url || leaving) { return; }
    var here = window.location.pathname + window.location.search;
    if (url === here) { return; }
    leaving = true;
    window.location.assign(url);
  }

  function isTyping(target) {
    if (!target || !target.tagName) { return false; }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName);
  }

  /* A focused region that can still scroll sideways keeps its arrow keys. */
  function scrollsSideways(target, direction) {
    var region = target && target.closest ? target.closest(".jm-scroll, .jm-overlay-scroll, .table-wrap") : null;
    if (!region || region.scrollWidth <= region.clientWidth + 1) { return false; }
    if (direction > 0) { return region.scrollLeft + region.clientWidth < region.scrollWidth - 1; }
    return region.scrollLeft > 0;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) {
      return;
    }
    var url;
    switch (event.key) {
      case "ArrowRight":
        if (scrollsSideways(event.target, 1)) { return; }
        url = linkTo("next");
        break;
      case "PageDown":
      case " ":
      case "Spacebar":
        if (event.shiftKey) { url = linkTo("prev"); } else { url = linkTo("next"); }
        break;
      case "ArrowLeft":
        if (scrollsSideways(event.target, -1)) { return; }
        url = linkTo("prev");
        break;
      case "PageUp":
        url = linkTo("prev");
        break;
      case "Home":
        url = nav.getAttribute("data-first");
        break;
      case "End":
        url = nav.getAttribute("data-last");
        break;
      case "Escape":
      case "Esc":
        url = linkTo("close");
        break;
      default:
        return;
    }
    event.preventDefault();
    go(url);
  });
}());
