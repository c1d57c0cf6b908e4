(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Never writes article text as HTML: only classes, `hidden` and textContent of numbers change.
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }
  function clear(cls) {
    all("." + cls).forEach(function (el) { el.classList.remove(cls); });
  }
  function scrollInto(el, instant) {
    var box = el.closest(".doc-body, .panel");
    if (!box) { return; }
    var sticky = box.querySelector(".filters");
    var free = sticky ? sticky.offsetHeight + 8 : box.clientHeight / 3;
    var top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTo({ top: Math.max(0, top - free), behavior: instant ? "auto" : "smooth" });
  }

  // Filters: hide findings of unchecked types/severities and switch off their highlights.
  function applyFilters() {
    var off = {};
    all("input[data-filter]").forEach(function (cb) {
      off[cb.getAttribute("data-filter") + ":" + cb.value] = !cb.checked;
    });
    var visible = {};
    var shown = 0;
    all(".finding").forEach(function (li) {
      var hide = off["type:" + li.getAttribute("data-type")] || off["sev:" + li.getAttribute("data-sev")];
      li.hidden = Boolean(hide);
      if (!hide) { visible[li.id] = true; shown += 1; }
    });
    all("mark[data-f]").forEach(function (m) {
      var on = words(m.getAttribute("data-f")).some(function (id) { return visible[id]; });
      m.classList.toggle("off", !on);
    });
    var counter = document.getElementById("shown-count");
    if (counter) { counter.textContent = String(shown); }
  }
  all("input[data-filter]").forEach(function (cb) { cb.addEventListener("change", applyFilters); });

  // Aligned sentences: a sentence and its counterparts share an alignment id in data-links.
  // Two hops, so a copy aligned only to the reference still lights up the other copies.
  function direct(sentence) {
    var found = [];
    words(sentence.getAttribute("data-links")).forEach(function (id) {
      all('.sent[data-links~="' + id + '"]').forEach(function (s) {
        if (found.indexOf(s) < 0) { found.push(s); }
      });
    });
    return found;
  }
  function counterparts(sentence) {
    var found = direct(sentence);
    found.slice().forEach(function (s) {
      direct(s).forEach(function (t) { if (found.indexOf(t) < 0) { found.push(t); } });
    });
    return found.filter(function (s) { return s !== sentence; });
  }
  function mark(sentence, cls) {
    clear(cls);
    sentence.classList.add(cls);
    var others = counterparts(sentence);
    others.forEach(function (s) { s.classList.add(cls); });
    return others;
  }
  document.addEventListener("mouseover", function (ev) {
    var s = ev.target.closest ? ev.target.closest(".sent") : null;
    if (s) { mark(s, "hover"); } else { clear("hover"); }
  });

  // A finding: outline its spans in every column and bring them into view.
  function focusFinding(id, fromList, instant) {
    clear("focus");
    var item = document.getElementById(id);
    if (!item) { return; }
    item.classList.add("focus");
    if (!fromList) { scrollInto(item, instant); }
    var seen = {};
    all("mark[data-f], .sent[data-fs]").forEach(function (el) {
      var ids = words(el.getAttribute("data-f") || el.getAttribute("data-fs"));
      if (ids.indexOf(id) < 0) { return; }
      el.classList.add("focus");
      var col = el.closest(".doc");
      if (col && !seen[col.id]) { seen[col.id] = true; scrollInto(el, instant); }
    });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!t.closest) { return; }
    var link = t.closest("a.doc-link");
    var item = t.closest(".finding");
    if (item) {
      if (link) { ev.preventDefault(); }
      focusFinding(item.id, true);
      if (link) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) { scrollInto(target); }
      }
      return;
    }
    var m = t.closest("mark[data-f]");
    if (m) { focusFinding(words(m.getAttribute("data-f"))[0], false); }
    var s = t.closest(".sent");
    if (s) { mark(s, "pinned").forEach(function (c) { scrollInto(c, false); }); }
  });
  document.addEventListener("keydown", function (ev) {
    var item = document.activeElement;
    if (ev.key === "Enter" && item && item.classList.contains("finding")) { focusFinding(item.id, true); }
  });
  applyFilters();
  // report.html#F3 opens with finding F3 in focus (links from issues, chats, tests).
  var wanted = /^#F[0-9]+$/.test(location.hash) ? location.hash.slice(1) : "";
  if (wanted) { focusFinding(wanted, false, true); }
})();
