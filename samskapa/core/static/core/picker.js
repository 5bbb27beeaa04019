// The checkbox picker (core/widgets.py): search, chosen items and counts on top of plain
// checkboxes that work without this script. Loaded by each picker; the guard runs it once.
"use strict";

(() => {
  if (window.samskapaPicker) {
    return;
  }
  window.samskapaPicker = true;

  // Lower case without diacritics, as core.widgets.fold writes data-search: "gavle" finds Gävle.
  const fold = (text) =>
    text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const format = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

  const labelOf = (checkbox) => {
    const label = checkbox.labels && checkbox.labels[0];
    return label ? label.textContent.trim() : checkbox.value;
  };

  function updateCounts(picker) {
    picker.querySelectorAll("[data-picker-group]").forEach((group) => {
      const chosen = group.querySelectorAll("input[type=checkbox]:checked").length;
      const count = group.querySelector("[data-picker-count]");
      if (count) {
        const template = chosen === 1 ? picker.dataset.msgChosenOne : picker.dataset.msgChosenMany;
        count.textContent = chosen && template ? ` (${format(template, { count: chosen })})` : "";
      }
    });
  }

  function updateChosen(picker) {
    const list = picker.querySelector(".samskapa-picker__chips");
    const none = picker.querySelector("[data-picker-chosen-none]");
    const checked = Array.from(picker.querySelectorAll("input[type=checkbox]:checked"));
    list.replaceChildren(
      ...checked.map((checkbox) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        const label = labelOf(checkbox);
        button.type = "button";
        button.className = "ds-button samskapa-picker__chip";
        button.dataset.variant = "secondary";
        button.dataset.size = "sm";
        button.dataset.pickerRemove = checkbox.id;
        button.setAttribute("aria-label", format(picker.dataset.msgRemove, { label }));
        // The short form (a target's code, a name) keeps the chip small; the full label is
        // in aria-label and title.
        const short = label.length > 40 ? `${label.slice(0, 38).trimEnd()}…` : label;
        button.textContent = `${short} ×`;
        button.title = label;
        item.append(button);
        return item;
      }),
    );
    none.hidden = checked.length > 0;
    updateCounts(picker);
  }

  function filter(picker, input) {
    const words = fold(input.value).split(/\s+/).filter(Boolean);
    const status = picker.querySelector("[data-picker-status]");
    const groups = Array.from(picker.querySelectorAll("[data-picker-group]"));
    if (words.length && !picker.dataset.openBefore) {
      // Remember which groups the person had open, to restore them when the search is cleared.
      picker.dataset.openBefore = groups.map((group) => (group.open ? "1" : "0")).join("");
    }
    const options = Array.from(picker.querySelectorAll("[data-picker-option]"));
    const groupText = (option) => {
      const group = option.closest("[data-picker-group]");
      return group ? group.dataset.search || "" : "";
    };
    const matches = (option, withGroup) => {
      const haystack = `${option.dataset.search || ""} ${withGroup ? groupText(option) : ""}`;
      return words.every((word) => haystack.includes(word));
    };
    // Items whose own label matches come first ("gavle" is Gävle); only when none does, the
    // group's name counts too ("gävleborg" lists the county's municipalities).
    const ownMatch = options.some((option) => matches(option, false));
    let shown = 0;
    options.forEach((option) => {
      const match = matches(option, !ownMatch);
      option.hidden = !match;
      shown += match ? 1 : 0;
    });
    groups.forEach((group, index) => {
      if (words.length) {
        const any = group.querySelector("[data-picker-option]:not([hidden])") !== null;
        group.hidden = !any;
        group.open = any;
      } else {
        group.hidden = false;
        const before = picker.dataset.openBefore || "";
        group.open = before[index] === "1" || group.querySelector("input:checked") !== null;
      }
    });
    if (!words.length) {
      delete picker.dataset.openBefore;
      status.textContent = "";
      return;
    }
    if (shown === 0) {
      status.textContent = picker.dataset.msgNone;
    } else {
      const template = shown === 1 ? picker.dataset.msgOne : picker.dataset.msgMany;
      status.textContent = format(template, { count: shown });
    }
  }

  function setUp(picker) {
    if (picker.dataset.pickerReady) {
      return;
    }
    picker.dataset.pickerReady = "1";
    const search = picker.querySelector("[data-picker-search]");
    const input = search.querySelector("input");
    const chosen = picker.querySelector("[data-picker-chosen]");
    search.hidden = false;
    chosen.hidden = false;
    let timer = null;
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => filter(picker, input), 120);
    });
    input.addEventListener("keydown", (event) => {
      // Enter in the search box narrows the list; it must not send the whole form.
      if (event.key === "Enter") {
        event.preventDefault();
        window.clearTimeout(timer);
        filter(picker, input);
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        filter(picker, input);
      }
    });
    picker.addEventListener("change", (event) => {
      if (event.target.matches("input[type=checkbox]")) {
        updateChosen(picker);
      }
    });
    chosen.addEventListener("click", (event) => {
      const button = event.target.closest("[data-picker-remove]");
      if (!button) {
        return;
      }
      const checkbox = document.getElementById(button.dataset.pickerRemove);
      const item = button.closest("li");
      const next = item.nextElementSibling || item.previousElementSibling;
      checkbox.checked = false;
      checkbox.dispatchEvent(new Event("change", { bubbles: true }));
      // Focus stays in the list of chosen items, or goes to the search box when it is empty.
      const target = next && picker.querySelector(`[data-picker-remove="${next.querySelector("button").dataset.pickerRemove}"]`);
      (target || input).focus();
    });
    updateChosen(picker);
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-picker]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  } else {
    setUpAll(document);
  }
  // Forms that htmx swaps in (sub-forms on project and programme pages).
  document.addEventListener("htmx:load", (event) => setUpAll(event.detail.elt));
})();
