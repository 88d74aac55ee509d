/* Klantreislab builder: comfort on top of forms that work without JavaScript.
 *
 * - autosave while typing: the step form is posted (debounced) to its JSON save endpoint,
 *   with the CSRF token in a header; the status line says "Opgeslagen om 14:32";
 * - leaving the page with unsaved typing sends it with navigator.sendBeacon;
 * - a copy of unsaved typing is kept in localStorage and offered back after a reload;
 * - a save from an older version (another tab saved first) is refused with 409: the status line
 *   says so and links to the page where the student chooses a version; nothing is retried;
 * - buttons with data-confirm ask first; a data-print button prints the page;
 * - a folded touchpoint card that the address points to (#cm-2-1) opens;
 * - add, remove, move and undo of phases and touchpoints happen in place: the button's action is
 *   posted to the autosave endpoint (the server applies it like the no-JS button), and the step's
 *   changed part ([data-step-items]) is replaced by the server's markup from the answer. The scroll
 *   position, folded or open cards and the focus stay; after "Weghalen" its undo notice is put
 *   where the item was.
 * No inline scripts: everything is wired here. Texts come from data- attributes (translated).
 */
(function () {
  "use strict";

  var AUTOSAVE_DELAY = 1500;
  /* The step form's buttons that change the structure: done in place when JavaScript runs. */
  var STRUCTURAL = /^((add|remove|up|down)_(phase|touchpoint)(:\d+){0,2}|undo)$/;

  function isStructural(button) {
    return !!button && button.name === "action" && STRUCTURAL.test(button.value || "");
  }

  function wireConfirmButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
      /* In place, "Weghalen" asks nothing: it can be undone right there. */
      if (button && isStructural(button) && button.closest("form[data-in-place]")) { return; }
      if (button && !window.confirm(button.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  }

  function wirePrintButtons() {
    var buttons = document.querySelectorAll("[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* A link to a folded card (#cm-2-1, after a move or an add) opens that card. */
  function openTargetCard() {
    var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    var card = target && target.closest ? target.closest("details") : null;
    if (card) { card.open = true; }
  }

  /* The form's fields as [name, value] pairs, the way the server reads them. */
  function fieldPairs(form) {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrf_token" || el.name === "action" || el.name === "version"
          || el.name === "draft_key" || el.type === "submit" || el.type === "button" || el.type === "file") {
        return;
      }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      pairs.push([el.name, el.value]);
    });
    return pairs;
  }

  function samePairs(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i += 1) {
      if (a[i][0] !== b[i][0] || String(a[i][1]).trim() !== String(b[i][1]).trim()) { return false; }
    }
    return true;
  }

  function storage() {
    try {
      var probe = "__klantreislab__";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function formatTime(date) {
    var h = String(date.getHours()).padStart(2, "0");
    var m = String(date.getMinutes()).padStart(2, "0");
    return h + ":" + m;
  }

  function Builder(form) {
    this.form = form;
    this.url = form.getAttribute("data-autosave-url");
    this.key = form.getAttribute("data-storage-key");
    this.status = form.querySelector("[data-save-status]");
    this.offer = form.querySelector("[data-restore-offer]");
    this.store = storage();
    this.timer = null;
    this.busy = false;
    this.again = false;
    this.dirty = false;
    this.submitting = false;
    this.changeCount = 0;
    this.items = form.querySelector("[data-step-items]");
    this.announcer = form.querySelector("[data-announce]");
    this.acting = false;
    this.pendingAction = null;
  }

  Builder.prototype.text = function (name) {
    return this.form.getAttribute("data-text-" + name) || "";
  };

  Builder.prototype.versionInput = function () {
    return this.form.querySelector("input[name='version']");
  };

  Builder.prototype.csrfToken = function () {
    var input = this.form.querySelector("input[name='csrf_token']");
    return input ? input.value : "";
  };

  Builder.prototype.setStatus = function (message, kind) {
    if (!this.status) { return; }
    this.status.textContent = message;
    this.status.classList.toggle("is-error", kind === "error");
    this.status.classList.toggle("is-warning", kind === "warning");
  };

  /* The fields an autosave could not store get their message next to them, as after a form post
     (macros/forms.html, courseware/repeated_html.py): a red border, aria-invalid and the Dutch text.
     A field that was stored this time loses its mark. */
  Builder.prototype.markErrors = function (errors) {
    var form = this.form;
    Array.prototype.forEach.call(form.querySelectorAll(".field.has-error"), function (wrapper) {
      var input = wrapper.querySelector("[aria-invalid='true']");
      if (input && !Object.prototype.hasOwnProperty.call(errors, input.name)) { markField(wrapper, input, null); }
    });
    Object.keys(errors).forEach(function (name) {
      var input = form.elements.namedItem(name);
      var wrapper = input && input.closest ? input.closest(".field") : null;
      if (wrapper && input.id) { markField(wrapper, input, errors[name]); }
    });
  };

  /* Give a field its error message, or take it away (message null). */
  function markField(wrapper, input, message) {
    var id = input.id + "-error";
    var described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (part) {
      return part && part !== id;
    });
    var note = document.getElementById(id);
    wrapper.classList.toggle("has-error", message !== null);
    if (message === null) {
      input.removeAttribute("aria-invalid");
      if (note) { note.parentNode.removeChild(note); }
    } else {
      input.setAttribute("aria-invalid", "true");
      if (!note) {
        note = document.createElement("p");
        note.className = "error";
        note.id = id;
        wrapper.appendChild(note);
      }
      note.textContent = message;
      described.push(id);
    }
    if (described.length) {
      input.setAttribute("aria-describedby", described.join(" "));
    } else {
      input.removeAttribute("aria-describedby");
    }
  }

  Builder.prototype.showConflict = function (answer) {
    this.setStatus(answer.message || "", "warning");
    if (!this.status || !answer.conflict_url) { return; }
    var link = document.createElement("a");
    link.href = answer.conflict_url;
    link.textContent = answer.conflict_link || answer.conflict_url;
    this.status.appendChild(document.createTextNode(" "));
    this.status.appendChild(link);
  };

  Builder.prototype.keepCopy = function () {
    if (!this.store || !this.key) { return; }
    var version = this.versionInput();
    var copy = {
      version: version ? parseInt(version.value, 10) || 0 : 0,
      time: formatTime(new Date()),
      submitted: false,
      fields: fieldPairs(this.form)
    };
    try { this.store.setItem(this.key, JSON.stringify(copy)); } catch (e) { /* storage full: no copy */ }
  };

  Builder.prototype.readCopy = function () {
    if (!this.store || !this.key) { return null; }
    try {
      var copy = JSON.parse(this.store.getItem(this.key) || "null");
      return copy && Array.isArray(copy.fields) ? copy : null;
    } catch (e) {
      return null;
    }
  };

  Builder.prototype.dropCopy = function () {
    if (this.store && this.key) { this.store.removeItem(this.key); }
  };

  Builder.prototype.onChange = function () {
    var self = this;
    this.dirty = true;
    this.changeCount += 1;
    this.keepCopy();
    this.setStatus(this.text("unsaved"));
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.save(); }, AUTOSAVE_DELAY);
  };

  /* A touchpoint card's summary line follows the typing: name, channel and emotion, as the server
     writes it (templates/builder/steps/touchpoints.html). */
  Builder.prototype.refreshSummary = function (field) {
    var card = field && field.closest ? field.closest("details.item-touchpoint") : null;
    var summary = card ? card.querySelector("summary.item-summary") : null;
    if (!summary || !/-(name|channel|emotion)$/.test(field.name || "")) { return; }
    var valueOf = function (key) {
      var input = card.querySelector("[name$='-" + key + "']");
      return input ? String(input.value || "").trim() : "";
    };
    var name = summary.querySelector(".item-name");
    name.textContent = valueOf("name") || this.text("no-name");
    var meta = part(summary, "item-meta", valueOf("channel"), name);
    if (meta) { meta.textContent = valueOf("channel"); }
    var emotion = part(summary, "item-emotion", valueOf("emotion"), meta || name);
    if (emotion) {
      var word = document.createElement("span");
      word.className = "item-emotion-word";
      word.textContent = this.text("feeling") + " ";
      emotion.textContent = "";
      emotion.appendChild(word);
      emotion.appendChild(document.createTextNode(valueOf("emotion")));
    }
  };

  /* The summary's span of this class: made after `after` when there is a value, taken away when not. */
  function part(summary, className, value, after) {
    var span = summary.querySelector("." + className);
    if (!value) {
      if (span) {
        var gap = span.previousSibling;
        if (gap && gap.nodeType === 3 && !gap.nodeValue.trim()) { gap.parentNode.removeChild(gap); }
        span.parentNode.removeChild(span);
      }
      return null;
    }
    if (!span) {
      span = document.createElement("span");
      span.className = className;
      after.parentNode.insertBefore(span, after.nextSibling);
      after.parentNode.insertBefore(document.createTextNode(" "), span);
    }
    return span;
  }

  Builder.prototype.body = function () {
    var data = new FormData(this.form);
    data.delete("action");
    return data;
  };

  /* POST to the autosave endpoint, with the CSRF token in a header: {status, answer}. */
  Builder.prototype.post = function (body) {
    return window.fetch(this.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": this.csrfToken(), "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false }; }).then(function (answer) {
        return { status: response.status, answer: answer };
      });
    });
  };

  /* After a save or an action: the next one waiting, an action first. */
  Builder.prototype.next = function () {
    this.busy = false;
    if (this.pendingAction) {
      var button = this.pendingAction;
      this.pendingAction = null;
      this.act(button);
    } else if (this.again) {
      this.again = false;
      this.save();
    }
  };

  Builder.prototype.save = function () {
    var self = this;
    if (!this.url || this.submitting || !window.fetch) { return; }
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    var changesSent = this.changeCount;
    this.setStatus(this.text("saving"));
    this.post(this.body()).then(function (result) {
      var answer = result.answer || {};
      if (result.status === 409 && answer.conflict) {
        /* Another tab or device saved first: nothing was overwritten. The typed text is kept on the
           server (and in the local copy); the student chooses on the conflict page. */
        self.showConflict(answer);
        return;
      }
      if (!answer.ok) {
        self.setStatus(answer.message || self.text("offline"), "error");
        return;
      }
      var version = self.versionInput();
      if (version && answer.version !== undefined) { version.value = String(answer.version); }
      var errors = answer.errors || {};
      self.markErrors(errors);
      if (self.changeCount === changesSent && !Object.keys(errors).length) {
        self.dirty = false;  /* with a wrong field, the local copy keeps what was typed there */
        self.dropCopy();
      }
      if (Object.keys(errors).length) {
        self.setStatus(self.text("errors"), "error");
      } else {
        self.setStatus(self.text("saved").replace("{time}", answer.saved_at || formatTime(new Date())));
      }
    }).catch(function () {
      self.setStatus(self.text("offline"), "error");
    }).then(function () {
      self.next();
    });
  };

  /* ------------------------------------------------------------------ in place: add, remove, move, undo */

  Builder.prototype.announce = function (message) {
    var region = this.announcer;
    if (!region || !message) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 100);
  };

  Builder.prototype.lock = function (locked) {
    this.items.inert = locked;
    if (locked) {
      this.items.setAttribute("aria-busy", "true");
    } else {
      this.items.removeAttribute("aria-busy");
    }
  };

  /* A structural button was pressed: post its action with everything typed, then show the answer. */
  Builder.prototype.act = function (button) {
    var self = this;
    var value = button.value;
    if (this.acting || this.submitting) { return; }  /* one at a time; never while the form is posted */
    this.acting = true;
    this.lock(true);
    if (this.busy) { this.pendingAction = button; this.acting = false; return; }  /* after the running save */
    var pressedAt = button.getBoundingClientRect().top;
    this.busy = true;
    window.clearTimeout(this.timer);
    var body = this.body();
    body.append("action", value);
    var changesSent = this.changeCount;
    var open = {};
    Array.prototype.forEach.call(this.items.querySelectorAll("details[id]"), function (card) {
      open[card.id] = card.open;
    });
    this.setStatus(this.text("saving"));
    this.post(body).then(function (result) {
      var answer = result.answer || {};
      if (result.status === 409 && answer.conflict) {
        self.showConflict(answer);
        return;
      }
      if (typeof answer.html === "string") {
        var version = self.versionInput();
        if (version && answer.version !== undefined) { version.value = String(answer.version); }
        if (self.changeCount === changesSent) {
          self.dirty = false;
          self.dropCopy();
        }
        self.show(answer, value, open, pressedAt);
        return;
      }
      self.setStatus(answer.message || self.text("offline"), "error");
    }).catch(function () {
      self.setStatus(self.text("offline"), "error");
    }).then(function () {
      self.acting = false;
      self.lock(false);
      self.next();
    });
  };

  /* Put the server's markup in place, keep the scroll position and each card open or folded. */
  Builder.prototype.show = function (answer, value, open, pressedAt) {
    var x = window.scrollX;
    var y = window.scrollY;
    var origins = answer.origins || {};
    this.items.innerHTML = answer.html;
    Array.prototype.forEach.call(this.items.querySelectorAll("details[id]"), function (card) {
      var from = origins[card.id];
      if (from && Object.prototype.hasOwnProperty.call(open, from)) { card.open = open[from]; }
    });
    var anchor = answer.anchor ? document.getElementById(answer.anchor) : null;
    if (anchor && !this.items.contains(anchor)) { anchor = null; }
    if (anchor && anchor.tagName === "DETAILS") { anchor.open = true; }
    var notice = this.placeUndo();
    this.lock(false);
    this.items.dispatchEvent(new CustomEvent("content-replaced", { bubbles: true }));  /* site.js: text areas */
    window.scrollTo(x, y);
    if (notice && /^remove_/.test(value)) {
      /* A removed card taller than the screen would leave its undo above it: then the undo button
         comes where "Weghalen" was pressed. */
      var undoBox = notice.querySelector("button").getBoundingClientRect();
      if (undoBox.top < 0 || undoBox.bottom > window.innerHeight) { window.scrollBy(0, undoBox.top - pressedAt); }
    }

    var kind = answer.category === "error" || answer.category === "warning" ? answer.category : "";
    if (kind || answer.outdated) {
      this.setStatus(answer.message, kind || "warning");
    } else {
      this.setStatus(this.text("saved").replace("{time}", answer.saved_at || formatTime(new Date())));
    }
    if (notice && /^remove_/.test(value)) {
      this.announce(noticeText(notice));
    } else {
      this.announce(answer.message);
    }
    /* The page never moves under a finger or mouse; with the keyboard, the focus stays in view. */
    var target = focusTarget(this.items, value, anchor, notice);
    if (target) {
      target.focus({ preventScroll: true });
      var box = target.getBoundingClientRect();
      if (!this.pointer && (box.bottom < 0 || box.top > window.innerHeight)) {
        target.scrollIntoView({ block: "nearest" });
      }
    }
  };

  /* The undo notice of the last "Weghalen" goes where the removed phase or touchpoint was. */
  Builder.prototype.placeUndo = function () {
    var notice = this.items.querySelector("[data-removed]");
    if (!notice) { return null; }
    var phase = parseInt(notice.getAttribute("data-removed-phase"), 10) + 1;
    var spot;
    var after = null;
    if (notice.getAttribute("data-removed") === "touchpoint") {
      var section = this.items.querySelector("#fase-" + phase);
      if (!section) { return notice; }
      spot = section.querySelector("#cm-" + phase + "-" + (parseInt(notice.getAttribute("data-removed-index"), 10) + 1));
      if (!spot) { after = last(section.querySelectorAll("details.item-touchpoint")) || section.querySelector(".empty"); }
    } else {
      spot = this.items.querySelector("fieldset#fase-" + phase);
      if (!spot) { after = last(this.items.querySelectorAll(".item-phase")) || this.items.querySelector(".empty"); }
    }
    if (spot) {
      spot.parentNode.insertBefore(notice, spot);
    } else if (after) {
      after.parentNode.insertBefore(notice, after.nextSibling);
    }
    return notice;
  };

  function last(list) {
    return list.length ? list[list.length - 1] : null;
  }

  /* What the notice says, without its button's label. */
  function noticeText(notice) {
    var text = "";
    Array.prototype.forEach.call(notice.querySelector("p").childNodes, function (node) {
      if (node.nodeType === 3) { text += node.nodeValue; }
    });
    return text.replace(/\s+/g, " ").trim();
  }

  /* Where the keyboard goes after an action: the new item's first field, the undo button, the
     moved item's same button, the restored card. */
  function focusTarget(items, value, anchor, notice) {
    var verb = value.split("_")[0];
    if (verb === "remove" && notice) { return notice.querySelector("button"); }
    if (anchor && verb === "add") { return anchor.querySelector("input:not([type=hidden]), textarea, select"); }
    if (anchor && (verb === "up" || verb === "down")) {
      return anchor.querySelector("button[value^='" + verb + "_']") || anchor.querySelector("button[value*='_']");
    }
    if (anchor && verb === "undo") {
      return anchor.querySelector("summary") || anchor.querySelector("input:not([type=hidden]), textarea, select");
    }
    return items.querySelector("button[value='" + value + "']");
  }

  /* Leaving the page (tab closed, app switched) with unsaved typing: send it anyway. */
  Builder.prototype.flush = function () {
    if (!this.dirty || this.submitting || !this.url || !navigator.sendBeacon) { return; }
    window.clearTimeout(this.timer);
    if (navigator.sendBeacon(this.url, this.body())) {
      this.dirty = false;
    }
  };

  Builder.prototype.offerCopy = function () {
    var self = this;
    var copy = this.readCopy();
    if (!copy || !this.offer) { return; }
    var version = this.versionInput();
    var current = version ? parseInt(version.value, 10) || 0 : 0;
    if ((copy.submitted && copy.version < current) || samePairs(copy.fields, fieldPairs(this.form))) {
      this.dropCopy();
      return;
    }
    var message = document.createElement("p");
    message.textContent = this.text("restore").replace("{time}", copy.time || "");
    var actions = document.createElement("div");
    actions.className = "actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.textContent = this.text("restore-yes");
    var no = document.createElement("button");
    no.type = "button";
    no.className = "secondary";
    no.textContent = this.text("restore-no");
    actions.appendChild(yes);
    actions.appendChild(no);
    this.offer.appendChild(message);
    this.offer.appendChild(actions);
    this.offer.hidden = false;
    yes.addEventListener("click", function () {
      self.restore(copy.fields);
      self.offer.hidden = true;
      self.onChange();
    });
    no.addEventListener("click", function () {
      self.dropCopy();
      self.offer.hidden = true;
    });
  };

  Builder.prototype.restore = function (pairs) {
    var values = {};
    pairs.forEach(function (pair) {
      (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
    });
    Array.prototype.forEach.call(this.form.elements, function (el) {
      if (!el.name || el.type === "submit" || el.type === "button" || el.type === "hidden" || el.type === "file") {
        return;
      }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = (values[el.name] || []).indexOf(el.value) !== -1;
      } else if (Object.prototype.hasOwnProperty.call(values, el.name)) {
        el.value = values[el.name][0];
      }
    });
  };

  Builder.prototype.start = function () {
    var self = this;
    this.offerCopy();
    this.form.addEventListener("input", function (event) { self.onChange(); self.refreshSummary(event.target); });
    this.form.addEventListener("change", function (event) { self.onChange(); self.refreshSummary(event.target); });
    if (this.items && window.fetch && window.FormData) {
      this.form.setAttribute("data-in-place", "");
      this.placeUndo();
      this.pointer = false;  /* was the last button pressed with a pointer (not the keyboard)? */
      this.form.addEventListener("pointerdown", function () { self.pointer = true; });
      this.form.addEventListener("keydown", function () { self.pointer = false; });
      this.form.addEventListener("submit", function (event) {
        var button = event.submitter;
        if (isStructural(button) && self.items.contains(button)) {
          event.preventDefault();
          self.act(button);
        }
      });
    }
    this.form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) { return; }
      if (self.acting) { event.preventDefault(); return; }  /* an action is on its way: wait for it */
      self.submitting = true;
      window.clearTimeout(self.timer);
      var copy = self.readCopy();
      if (copy) {
        copy.submitted = true;
        try { self.store.setItem(self.key, JSON.stringify(copy)); } catch (e) { /* ignore */ }
      }
    });
    window.addEventListener("pagehide", function () { self.flush(); });
    window.addEventListener("beforeunload", function () { self.flush(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { self.flush(); }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { self.submitting = false; }
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    wireConfirmButtons();
    wirePrintButtons();
    openTargetCard();
    window.addEventListener("hashchange", openTargetCard);
    var form = document.getElementById("builder-form");
    if (form && form.hasAttribute("data-autosave-url")) {
      new Builder(form).start();
    }
  });
}());
