// Suggested SDG targets in the target picker (sdg/widgets/target_picker.html): as the person
// writes the title and description, the text is posted to the suggestions page and the
// answer shown above the list of targets. "Choose" ticks the target's checkbox, "Does not fit"
// removes the suggestion; both are recorded so that later suggestions improve. The requests
// are POSTs to this site with the CSRF token in the X-CSRFToken header, never in the URL.
"use strict";

(() => {
  if (window.samskapaSuggest) {
    return;
  }
  window.samskapaSuggest = true;

  const WAIT_MS = 600;
  const MIN_LENGTH = 12;

  const csrfToken = () => {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  };

  const post = (url, data) =>
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
      body: data,
    });

  function setUp(region) {
    if (region.dataset.suggestReady) {
      return;
    }
    region.dataset.suggestReady = "1";
    const form = region.closest("form");
    const picker = region.closest("[data-picker]");
    const list = region.querySelector("[data-suggest-list]");
    if (!form || !picker) {
      return;
    }
    const sources = region.dataset.suggestFrom
      .split(/\s+/)
      .map((name) => form.elements.namedItem(name))
      .filter((element) => element instanceof HTMLElement);
    const text = () => sources.map((element) => element.value).join("\n").trim();
    const checkboxes = () => Array.from(picker.querySelectorAll("input[type=checkbox]"));
    let timer = null;
    let lastText = null;
    let controller = null;

    async function refresh() {
      const current = text();
      if (current === lastText) {
        return;
      }
      lastText = current;
      if (current.length < MIN_LENGTH) {
        list.replaceChildren();
        return;
      }
      const data = new FormData();
      data.append("text", current);
      checkboxes()
        .filter((checkbox) => checkbox.checked)
        .forEach((checkbox) => data.append("chosen", checkbox.value));
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      try {
        const response = await fetch(region.dataset.suggestUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
          body: data,
          signal: controller.signal,
        });
        if (response.ok) {
          list.innerHTML = await response.text();
        }
      } catch (error) {
        // Offline or aborted by a newer request: the picker still works without suggestions.
      }
    }

    function answer(item, accepted) {
      const data = new FormData();
      data.append("target", item.dataset.value);
      data.append("accepted", accepted ? "1" : "0");
      data.append("text", text());
      post(region.dataset.answerUrl, data).catch(() => {});
    }

    function removeSuggestion(item) {
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      const focusable = next && next.querySelector("button");
      (focusable || picker.querySelector("input[type=search]") || list).focus();
    }

    list.addEventListener("click", (event) => {
      const button = event.target.closest("[data-suggest-accept], [data-suggest-reject]");
      if (!button) {
        return;
      }
      const item = button.closest("[data-suggestion]");
      const accepted = button.hasAttribute("data-suggest-accept");
      answer(item, accepted);
      if (accepted) {
        const checkbox = checkboxes().find((box) => box.value === item.dataset.value);
        if (checkbox) {
          checkbox.checked = true;
          checkbox.dispatchEvent(new Event("change", { bubbles: true }));
          const group = checkbox.closest("details");
          if (group) {
            group.open = true;
          }
        }
      }
      removeSuggestion(item);
    });

    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, WAIT_MS);
    };
    sources.forEach((element) => element.addEventListener("input", schedule));
    region.hidden = false;
    refresh();
  }

  function setUpAll(root) {
    root.querySelectorAll("[data-suggest]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => setUpAll(document));
  } else {
    setUpAll(document);
  }
  document.addEventListener("htmx:load", (event) => setUpAll(event.detail.elt));
})();
