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
