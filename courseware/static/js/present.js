/* Klantreislab presentation mode: keyboard navigation between slides, full screen, and slides
 * scaled to fit the screen.
 *
 * The slides are ordinary pages with real links (Vorige, Volgende, Sluiten) that work without
 * JavaScript; this file follows those links from the keyboard or a presenter remote:
 *   ArrowRight, PageDown, Space -> next slide      ArrowLeft, PageUp -> previous slide
 *   Home -> first slide   End -> last slide         Escape -> back to the gallery
 *   F -> full screen on or off (the button "Volledig scherm" does the same)
 * A slide is fetched and swapped in place (with history.pushState), so full screen stays on
 * while the teacher moves through the slides; if that fails, the browser simply opens the page.
 * Every slide is scaled down (CSS transform) until it fits between the top bar and the buttons,
 * so nothing scrolls on any projector. Keys typed into a form field are left alone, and an arrow
 * key still scrolls a table that is wider than the screen while it has the focus.
 * No inline scripts: wired here.
 */
(function () {
  "use strict";

  if (!document.querySelector("[data-present-nav]")) { return; }
  var root = document.documentElement;
  root.classList.add("pr-js");

  var leaving = false;

  function nav() { return document.querySelector("[data-present-nav]"); }

  function linkTo(kind) {
    var link = nav().querySelector('[data-present="' + kind + '"]');
    return link ? link.getAttribute("href") : null;
  }

  /* Scale the slide's content down until it fits the slide's box: its width is widened by
     1/scale first, so text reflows into fewer, longer lines before it gets smaller. */
  function fit() {
    var slide = document.querySelector("[data-present-slide]");
    var inner = slide ? slide.querySelector("[data-present-fit]") : null;
    if (!inner) { return; }
    inner.style.transform = "";
    inner.style.width = "";
    var width = slide.clientWidth;
    var height = slide.clientHeight;
    if (!width || !height) { return; }
    /* The largest scale (to 1) at which the widened content fits: a binary search. */
    var fits = function (scale) {
      inner.style.width = (width / scale) + "px";
      return inner.offsetHeight * scale <= height && inner.scrollWidth * scale <= width + 1;
    };
    var scale = 1;
    if (!fits(1)) {
      var low = 0.2;
      var high = 1;
      for (var i = 0; i < 10; i += 1) {
        var middle = (low + high) / 2;
        if (fits(middle)) { low = middle; } else { high = middle; }
      }
      scale = low;
    }
    inner.style.width = (width / scale) + "px";
    var final = Math.min(scale, height / inner.offsetHeight, width / inner.scrollWidth);
    var left = (width - (width / scale) * final) / 2;
    inner.style.transform = "translate(" + left + "px, 0) scale(" + final + ")";
    inner.setAttribute("data-scale", final.toFixed(3));
  }

  function prepare() {
    var help = document.querySelector("[data-present-keys]");
    if (help) { help.hidden = false; }
    var button = document.querySelector("[data-present-fullscreen]");
    if (button) {
      button.hidden = !document.fullscreenEnabled;
      button.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    }
    fit();
  }

  function toggleFullscreen() {
    if (!document.fullscreenEnabled) { return; }
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      root.requestFullscreen().catch(function () { /* refused: stay as we are */ });
    }
  }

  function show(html, url, push) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var main = next.querySelector("main");
    if (!main || !next.querySelector("[data-present-nav]")) { window.location.assign(url); return; }
    document.querySelector("main").innerHTML = main.innerHTML;
    document.title = next.title;
    if (push) { window.history.pushState({ slide: url }, "", url); }
    prepare();
  }

  function load(url, push) {
    if (!window.fetch || !window.DOMParser) { window.location.assign(url); return; }
    leaving = true;
    window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      show(html, url, push);
    }).catch(function () {
      window.location.assign(url);
    }).then(function () {
      leaving = false;
    });
  }

  function go(url, kind) {
    if (!url || leaving) { return; }
    var here = window.location.pathname + window.location.search;
    if (url === here) { return; }
    if (kind === "close") {
      leaving = true;
      if (document.fullscreenElement) { document.exitFullscreen(); }
      window.location.assign(url);
      return;
    }
    load(url, true);
  }

  document.addEventListener("click", function (event) {
    if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target.closest ? event.target.closest("[data-present], [data-present-fullscreen]") : null;
    if (!target) { return; }
    event.preventDefault();
    if (target.hasAttribute("data-present-fullscreen")) {
      target.blur();  /* the arrow keys go on working after a click on the button */
      toggleFullscreen();
    } else {
      go(target.getAttribute("href"), target.getAttribute("data-present"));
    }
  });

  window.addEventListener("popstate", function () {
    load(window.location.pathname + window.location.search, false);
  });
  window.addEventListener("resize", fit);
  document.addEventListener("fullscreenchange", prepare);
  prepare();

  function isTyping(target) {
    if (!target || !target.tagName) { return false; }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName);
  }

  /* A focused region that can still scroll sideways keeps its arrow keys. */
  function scrollsSideways(target, direction) {
    var region = target && target.closest ? target.closest(".jm-overlay-scroll, .table-wrap") : null;
    if (!region || region.scrollWidth <= region.clientWidth + 1) { return false; }
    if (direction > 0) { return region.scrollLeft + region.clientWidth < region.scrollWidth - 1; }
    return region.scrollLeft > 0;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) {
      return;
    }
    var url;
    var kind = "";
    switch (event.key) {
      case "f":
      case "F":
        event.preventDefault();
        toggleFullscreen();
        return;
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
        url = nav().getAttribute("data-first");
        break;
      case "End":
        url = nav().getAttribute("data-last");
        break;
      case "Escape":
      case "Esc":
        url = linkTo("close");
        kind = "close";
        break;
      default:
        return;
    }
    event.preventDefault();
    go(url, kind);
  });
}());
