// Draws each indicator's line chart with Chart.js (served from static/vendor/chartjs/): the
// measured values as a solid line, the target path as a dashed one.
//
// Each chart is a <figure data-indicator-chart="ID"> holding a hidden canvas, a json_script
// element with that ID ({"years": [...], "values": [...], "path": [...]}) and a <details> with
// the same figures as a table. Without this script the table stays open and the canvas hidden.
// Here the canvas is shown, the chart drawn, the table folded into "Show as table", and a
// button added that saves the chart as PNG (the SVG and CSV come from the server).
"use strict";

(() => {
  if (typeof window.Chart === "undefined") {
    return;
  }
  const { Chart } = window;
  const root = getComputedStyle(document.documentElement);
  const token = (name, fallback) => root.getPropertyValue(name).trim() || fallback;
  const colours = {
    value: token("--ds-color-accent-base-default", "#0062ba"),
    target: "#a8431c",
    text: token("--ds-color-neutral-text-default", "#202733"),
    grid: token("--ds-color-neutral-border-subtle", "#d2d5d9"),
  };
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // Chart.js draws on a transparent canvas; a PNG needs the white page behind it.
  const whiteBackground = {
    id: "samskapaWhiteBackground",
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = "destination-over";
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };

  function pngButton(figure, chart) {
    const links = figure.querySelector(".indicators-downloads");
    if (!links) {
      return;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ds-button";
    button.dataset.variant = "tertiary";
    button.dataset.size = "sm";
    button.textContent = figure.dataset.pngLabel || "PNG";
    button.addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = chart.toBase64Image("image/png", 1);
      link.download = figure.dataset.filename || "chart.png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    links.prepend(button);
  }

  function draw(figure) {
    const source = document.getElementById(figure.dataset.indicatorChart);
    const box = figure.querySelector(".indicators-chart__canvas");
    const canvas = box && box.querySelector("canvas");
    if (!source || !canvas) {
      return;
    }
    const data = JSON.parse(source.textContent);
    if (!data.years.length) {
      return;
    }
    box.hidden = false;
    const chart = new Chart(canvas, {
      type: "line",
      data: {
        labels: data.years.map(String),
        datasets: [
          {
            label: figure.dataset.valueLabel || "",
            data: data.values,
            borderColor: colours.value,
            backgroundColor: colours.value,
            borderWidth: 2.5,
            pointRadius: 4,
            spanGaps: true,
          },
          {
            label: figure.dataset.targetLabel || "",
            data: data.path,
            borderColor: colours.target,
            backgroundColor: colours.target,
            borderDash: [6, 4],
            borderWidth: 2.5,
            pointRadius: data.targets.map((target) => (target === null ? 0 : 4)),
            pointStyle: "rectRot",
            spanGaps: false,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion ? false : { duration: 300 },
        plugins: { legend: { labels: { color: colours.text } } },
        scales: {
          x: { ticks: { color: colours.text }, grid: { color: colours.grid } },
          y: { ticks: { color: colours.text }, grid: { color: colours.grid } },
        },
      },
      plugins: [whiteBackground],
    });
    const table = figure.querySelector("details");
    if (table) {
      table.open = false;
    }
    pngButton(figure, chart);
  }

  document.querySelectorAll("[data-indicator-chart]").forEach(draw);
})();
