/* The timeline's filters, in place (explainer).

   Without JavaScript each filter value is a link to the page that lists its events (a tag's
   page, an actor's page, a status's or a kind's page). With it, the same links filter the
   timeline where it is: one value per filter (tag, status, kind of actor, actor), combined
   with AND; the state lives in the page's address (?tag=talks&status=reported), so a
   filtered view can be shared, bookmarked and gone back from. Each link's address becomes
   the view it leads to, so it can still be opened in a new tab. The chart shows only the
   marks of the events shown, and a polite status line says how many there are.
   Everything here is local: no request leaves the site. */
(function () {
  "use strict";
  var KEYS = ["tag", "status", "kind", "actor"];
  var MATCHES = { tag: "data-tags", status: "data-status", kind: "data-kinds", actor: "data-actors" };

  function setup() {
    var bar = document.querySelector(".xp-filters");
    if (!bar || bar.hasAttribute("data-ready")) return;
    bar.setAttribute("data-ready", "");
    var entries = Array.prototype.slice.call(document.querySelectorAll(".xp-entry"));
    var years = Array.prototype.slice.call(document.querySelectorAll("h2.xp-year"));
    var marks = Array.prototype.slice.call(document.querySelectorAll(".xp-chart a[data-event]"));
    var links = Array.prototype.slice.call(bar.querySelectorAll("a[data-filter]"));
    var status = bar.querySelector(".xp-filters__state");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = bar.getAttribute("data-clear");
    clear.hidden = true;
    status.parentNode.insertBefore(clear, status.nextSibling);

    function wanted() {
      var query = new URLSearchParams(window.location.search);
      var found = {};
      KEYS.forEach(function (key) {
        var value = query.get(key);
        if (value) found[key] = value;
      });
      return found;
    }

    function address(state) {
      var query = new URLSearchParams(window.location.search);
      KEYS.forEach(function (key) {
        if (state[key]) query.set(key, state[key]);
        else query.delete(key);
      });
      var text = query.toString();
      return window.location.pathname + (text ? "?" + text : "");
    }

    function matches(entry, state) {
      return KEYS.every(function (key) {
        if (!state[key]) return true;
        return (entry.getAttribute(MATCHES[key]) || "").split(" ").indexOf(state[key]) >= 0;
      });
    }

    // The theme draws the table of contents twice (sidebar, and the menu on a phone).
    function showInContents(id, visible) {
      document.querySelectorAll('.md-nav--secondary a[href="#' + id + '"]').forEach(function (link) {
        var item = link.closest("li");
        if (item) item.hidden = !visible;
      });
    }

    function apply(state) {
      var shown = {};
      var count = 0;
      entries.forEach(function (entry) {
        var ok = matches(entry, state);
        entry.hidden = !ok;
        var id = entry.getAttribute("data-event");
        showInContents(id, ok);
        if (ok) {
          shown[id] = true;
          count += 1;
        }
      });
      years.forEach(function (year) {
        var any = false;
        for (var next = year.nextElementSibling; next && !next.matches("h2.xp-year"); next = next.nextElementSibling) {
          if (next.classList.contains("xp-entry") && !next.hidden) any = true;
        }
        year.hidden = !any;
        showInContents(year.id, any);
      });
      marks.forEach(function (mark) {
        mark.classList.toggle("xp-filtered-out", !shown[mark.getAttribute("data-event")]);
      });
      links.forEach(function (link) {
        var key = link.getAttribute("data-filter");
        var value = link.getAttribute("data-value");
        var on = state[key] === value;
        if (on) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
        var folded = link.closest("details");
        if (on && folded) folded.open = true; // a chosen actor stays in sight
        var next = Object.assign({}, state);
        if (on) delete next[key];
        else next[key] = value;
        link.href = address(next);
      });
      var active = KEYS.some(function (key) { return state[key]; });
      clear.hidden = !active;
      status.textContent = !active ? "" : count
        ? bar.getAttribute("data-shown").replace("{shown}", count).replace("{total}", entries.length)
        : bar.getAttribute("data-none");
    }

    function go(state) {
      window.history.pushState(null, "", address(state));
      apply(state);
    }

    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        var state = wanted();
        var key = link.getAttribute("data-filter");
        var value = link.getAttribute("data-value");
        if (state[key] === value) delete state[key];
        else state[key] = value;
        go(state);
      });
    });
    clear.addEventListener("click", function () {
      go({});
      if (links.length) links[0].focus(); // the button hides itself: keep the reader's place
    });
    window.addEventListener("popstate", function () { apply(wanted()); });
    apply(wanted());
  }

  // Material's instant navigation swaps pages without reloading; without it, the page loads.
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
