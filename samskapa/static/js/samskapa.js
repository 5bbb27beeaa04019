// Samskapa's only script of its own. Pages work without it; htmx adds partial updates on top.
"use strict";

// Django refuses unsafe requests without the CSRF token. Forms carry it as a hidden field, but
// requests that htmx sends (hx-post, hx-delete, ...) need it as a header. base.html puts the
// token in <meta name="csrf-token">; htmx 2 only sends requests to this origin by default
// (htmx.config.selfRequestsOnly), so the token never leaves the site.
document.addEventListener("htmx:configRequest", (event) => {
  const method = event.detail.verb.toUpperCase();
  if (method === "GET" || method === "HEAD") {
    return;
  }
  const meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRFToken"] = meta.content;
  }
});

// Narrow screens: the main menu folds behind a "Menu" button (the button is hidden in the
// markup, so without script the links stay visible and wrap).
function setUpMenu() {
  const toggle = document.querySelector("[data-menu-toggle]");
  const nav = toggle && toggle.closest("nav");
  const list = nav && nav.querySelector("ul");
  if (!list) {
    return;
  }
  toggle.hidden = false;
  nav.classList.add("samskapa-nav--collapsible");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    list.classList.toggle("samskapa-nav--open", open);
  });
}

// A table wider than the page scrolls inside its own box (WCAG 1.4.10 reflow). Tables that a
// template did not wrap in .samskapa-table-scroll get the box here; a box that scrolls can be
// reached with the keyboard and is named by the table's caption or the heading before it.
function wrapWideTables() {
  document.querySelectorAll("main table").forEach((table) => {
    if (table.closest(".samskapa-table-scroll")) {
      return;
    }
    const box = document.createElement("div");
    box.className = "samskapa-table-scroll";
    table.before(box);
    box.append(table);
  });
  document.querySelectorAll("main .samskapa-table-scroll").forEach((box) => {
    if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) {
      return;
    }
    box.tabIndex = 0;
    if (!box.hasAttribute("role")) {
      const table = box.querySelector("table");
      const caption = table && table.querySelector("caption");
      let name = caption;
      let previous = box.previousElementSibling;
      while (!name && previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          name = previous;
        }
        previous = previous.previousElementSibling;
      }
      if (name) {
        name.id = name.id || `table-name-${Math.random().toString(36).slice(2, 9)}`;
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", name.id);
      }
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpMenu();
  wrapWideTables();
});
window.addEventListener("resize", wrapWideTables);
// Characters left in a text area with a length limit (includes/form/counter.html). The page
// says the limit without this; with it, the count follows the typing, and screen readers hear
// it only when the end draws near (a tenth of the limit left) or is passed, not on every key.
function updateCharacterCount(field, counter, announcer) {
  const limit = Number(counter.dataset.limit);
  const left = limit - field.value.length;
  const text = (left >= 0 ? counter.dataset.textLeft : counter.dataset.textOver)
    .replace("%(count)s", String(Math.abs(left)));
  counter.textContent = text;
  counter.classList.toggle("samskapa-counter--over", left < 0);
  const near = left <= limit / 10;
  if (near && announcer.dataset.last !== text && (left < 0 || left % 50 === 0 || left <= 10)) {
    announcer.textContent = text;
    announcer.dataset.last = text;
  }
}

function setUpCharacterCounts(root) {
  root.querySelectorAll("[data-counter-for]").forEach((counter) => {
    const field = document.getElementById(counter.dataset.counterFor);
    const announcer = document.getElementById(counter.dataset.announcer);
    if (!field || !announcer || counter.dataset.ready) {
      return;
    }
    counter.dataset.ready = "1";
    field.addEventListener("input", () => updateCharacterCount(field, counter, announcer));
    updateCharacterCount(field, counter, announcer);
  });
}

document.addEventListener("DOMContentLoaded", () => setUpCharacterCounts(document));
document.addEventListener("htmx:load", (event) => setUpCharacterCounts(event.target));
