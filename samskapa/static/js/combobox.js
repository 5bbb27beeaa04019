// Search-as-you-type over a fixed list of names (the 290 municipalities), as an ARIA 1.2
// combobox with a list popup. It only enhances markup that works without it:
//
// - data-combobox="navigate": a text field in a search form; the options come from a JSON data
//   island ({name, region, url}) and choosing one opens its page. Without script the form
//   submits the typed name to a page that lists the matches.
// - data-combobox="select": a <select> (one option per name, optgroups by county) becomes a
//   text field; choosing an option sets the select, which the form submits as before.
//
// Matching ignores case and diacritics ("gavle" finds Gävle, "harryda" Härryda); names that
// begin with the typed text come first.
"use strict";

(() => {
  const MAX_SHOWN = 50;
  const NORDIC = { ø: "o", æ: "ae", ð: "d", þ: "th" };

  const fold = (text) =>
    text
      .toLowerCase()
      .replace(/[øæðþ]/g, (char) => NORDIC[char])
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");

  let counter = 0;

  function optionsFromSelect(select) {
    return Array.from(select.options)
      .filter((option) => option.value !== "")
      .map((option) => ({
        name: option.textContent.trim(),
        value: option.value,
        region: option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "",
      }));
  }

  function setUp(container) {
    if (container.dataset.comboboxReady) {
      return;
    }
    container.dataset.comboboxReady = "true";
    const mode = container.dataset.combobox;
    const select = mode === "select" ? container.querySelector("select") : null;
    let input = container.querySelector("input[type=text]");
    let options;
    if (select) {
      options = optionsFromSelect(select);
      input = document.createElement("input");
      input.type = "text";
      input.className = "ds-input";
      input.autocomplete = "off";
      input.id = `${select.id}-search`;
      const label = container.querySelector(`label[for="${select.id}"]`);
      if (label) {
        label.htmlFor = input.id;
      }
      const describedBy = select.getAttribute("aria-describedby");
      if (describedBy) {
        input.setAttribute("aria-describedby", describedBy);
      }
      const chosen = select.selectedOptions[0];
      input.value = chosen && chosen.value !== "" ? chosen.textContent.trim() : "";
      select.hidden = true;
      select.after(input);
    } else {
      const island = document.getElementById(container.dataset.comboboxOptions);
      options = island ? JSON.parse(island.textContent) : [];
    }
    if (!input || options.length === 0) {
      return;
    }
    options.forEach((option) => {
      option.folded = fold(option.name);
    });

    counter += 1;
    const listbox = document.createElement("ul");
    listbox.id = `combobox-list-${counter}`;
    listbox.className = "samskapa-combobox__list";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    const label = container.querySelector(`label[for="${input.id}"]`);
    if (label) {
      label.id = label.id || `combobox-label-${counter}`;
      listbox.setAttribute("aria-labelledby", label.id);
    }
    const status = document.createElement("p");
    status.className = "ds-sr-only";
    status.setAttribute("role", "status");
    input.after(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let shown = [];
    let active = -1;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function matches(text) {
      const wanted = fold(text.trim());
      if (!wanted) {
        return [];
      }
      const found = options.filter((option) => option.folded.includes(wanted));
      const starts = found.filter((option) => option.folded.startsWith(wanted));
      const inside = found.filter((option) => !option.folded.startsWith(wanted));
      return starts.concat(inside);
    }

    function render() {
      const found = matches(input.value);
      shown = found.slice(0, MAX_SHOWN);
      listbox.replaceChildren(
        ...shown.map((option, index) => {
          const item = document.createElement("li");
          item.id = `${listbox.id}-${index}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.textContent = option.name;
          if (option.region) {
            const region = document.createElement("span");
            region.className = "samskapa-combobox__region";
            region.textContent = ` – ${option.region}`;
            item.append(region);
          }
          item.addEventListener("mousedown", (event) => event.preventDefault());
          item.addEventListener("click", () => choose(option));
          return item;
        }),
      );
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!input.value.trim()) {
        close();
        status.textContent = "";
        return;
      }
      if (shown.length === 0) {
        close();
        status.textContent = container.dataset.comboboxEmpty || "";
        return;
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = `${container.dataset.comboboxCount || ""} ${found.length}`;
    }

    function highlight(index) {
      const items = listbox.querySelectorAll("[role=option]");
      items.forEach((item, position) => {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      input.value = option.name;
      close();
      if (select) {
        select.value = option.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (option.url) {
        window.location.assign(option.url);
      }
    }

    input.addEventListener("input", render);
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (listbox.hidden) {
          render();
        }
        if (shown.length === 0) {
          return;
        }
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + shown.length) % shown.length);
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault();
        choose(shown[active]);
      } else if (event.key === "Escape") {
        if (!listbox.hidden) {
          event.preventDefault();
          close();
        } else {
          input.value = "";
        }
      }
    });
    // The select takes the name when it was typed in full; an emptied field means "all".
    function sync() {
      if (!select) {
        return;
      }
      const typed = fold(input.value.trim());
      const exact = options.find((option) => option.folded === typed);
      if (!typed) {
        select.value = "";
      } else if (exact) {
        input.value = exact.name;
        select.value = exact.value;
      } else {
        const chosen = select.selectedOptions[0];
        input.value = chosen && chosen.value !== "" ? chosen.textContent.trim() : "";
      }
    }

    input.addEventListener("blur", () => {
      close();
      sync();
    });
    if (input.form) {
      input.form.addEventListener("submit", sync);
    }
  }

  document.querySelectorAll("[data-combobox]").forEach(setUp);
})();
