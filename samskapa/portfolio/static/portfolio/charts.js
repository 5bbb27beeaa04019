// Draws the portfolio's balance charts with Chart.js (served from static/vendor/chartjs/).
//
// Each chart is a <figure data-portfolio-chart="ID"> holding a hidden canvas, a json_script
// element with that ID ({"labels": [...], "values": [...]}, labels already translated by the
// server) and a <details> with the same figures as a table. The page works without this
// script: the table is open and the canvas stays hidden. Here the canvas is shown, the chart
// drawn and the table folded into its "Show as table" summary.
"use strict";

(() => {
  if (typeof window.Chart === "undefined") {
    return;
  }
  const { Chart } = window;
  const root = getComputedStyle(document.documentElement);
  const token = (name, fallback) => root.getPropertyValue(name).trim() || fallback;

  // Theme colours: the accent base meets 3:1 against the page for graphical objects, the text
  // colours 4.5:1. Every bar carries the same colour; the labels, not the colour, say what it is.
  const colours = {
    bar: token("--ds-color-accent-base-default", "#0062ba"),
    barBorder: token("--ds-color-accent-base-active", "#004b8f"),
    text: token("--ds-color-neutral-text-default", "#202733"),
    grid: token("--ds-color-neutral-border-subtle", "#d2d5d9"),
  };
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined);

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = colours.text;

  // Writes each bar's value at its end, so the figures can be read without hovering.
  const valueLabels = {
    id: "samskapaValueLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = colours.text;
      ctx.font = `600 14px ${Chart.defaults.font.family}`;
      ctx.textBaseline = "middle";
      chart.getDatasetMeta(0).data.forEach((bar, index) => {
        const value = chart.data.datasets[0].data[index];
        ctx.fillText(numberFormat.format(value), bar.x + 6, bar.y);
      });
      ctx.restore();
    },
  };

  // On a narrow screen long labels (the names of the goals) are broken into lines of whole
  // words, so that they are not cut off and the bars keep some room.
  function wrap(label, width) {
    const lines = [];
    let line = "";
    for (const word of String(label).split(" ")) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
    return lines;
  }

  function draw(figure) {
    const source = document.getElementById(figure.dataset.portfolioChart);
    const box = figure.querySelector(".portfolio-chart__canvas");
    const canvas = box && box.querySelector("canvas");
    if (!source || !canvas) {
      return;
    }
    const data = JSON.parse(source.textContent);
    const valueLabel = figure.dataset.valueLabel || "";
    box.hidden = false;
    const narrow = box.clientWidth < 560;
    const labels = narrow ? data.labels.map((label) => wrap(label, 16)) : data.labels;
    const lines = Math.max(...labels.map((label) => (Array.isArray(label) ? label.length : 1)));
    // Horizontal bars: room for each bar and its label (on as many lines as it takes), plus
    // the axis.
    box.style.height = `${data.values.length * Math.max(2.25, lines * 1.25 + 0.5) + 3.5}rem`;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels,
        datasets: [
          {
            label: valueLabel,
            data: data.values,
            backgroundColor: colours.bar,
            borderColor: colours.barBorder,
            borderWidth: 1,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: reducedMotion ? false : { duration: 300 },
        layout: { padding: { right: 48 } },
        plugins: {
          legend: { display: false },
          tooltip: { enabled: true },
        },
        scales: {
          x: {
            beginAtZero: true,
            ticks: { precision: 0, color: colours.text },
            grid: { color: colours.grid },
            title: { display: Boolean(valueLabel), text: valueLabel, color: colours.text },
          },
          y: {
            ticks: { autoSkip: false, color: colours.text, font: { size: narrow ? 12 : 14 } },
            grid: { display: false },
          },
        },
      },
      plugins: [valueLabels],
    });
    const table = figure.querySelector("details");
    if (table) {
      table.open = false;
    }
  }

  document.querySelectorAll("[data-portfolio-chart]").forEach(draw);
})();
