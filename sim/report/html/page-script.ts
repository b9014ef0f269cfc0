// The script the page runs: each chart handed to Chart.js from the embedded
// JSON (id "aplus-charts", from chart-specs.ts). Once Chart.js has drawn a
// chart, its figure gets data-rendered="<points drawn>"; once all are,
// <body> gets data-charts="<count>" (a browser test reads both). A chart
// that throws marks its figure and the body with data-chart-error instead.
// Plain ES2020, no build step: it is inlined as written.
export const PAGE_SCRIPT = `
(() => {
  const specs = JSON.parse(document.getElementById('aplus-charts').textContent);
  const body = document.body;
  if (specs.length === 0) { body.dataset.charts = '0'; return; }
  if (typeof Chart === 'undefined') { body.dataset.chartError = 'Chart.js did not load'; return; }
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(body).fontFamily;
  let drawn = 0;
  const marker = {
    id: 'aplus-drawn',
    afterRender(chart) {
      const holder = chart.canvas.closest('[data-chart]');
      if (!holder || holder.dataset.rendered) return;
      holder.dataset.rendered = String(chart.data.datasets.reduce((n, d) => n + d.data.length, 0));
      if (++drawn === specs.length) body.dataset.charts = String(drawn);
    },
  };
  const charts = [];
  for (const s of specs) {
    const holder = document.getElementById(s.id);
    try {
      charts.push(new Chart(holder.querySelector('canvas'), Object.assign({}, s.config, { plugins: [marker] })));
    } catch (e) {
      holder.dataset.chartError = String(e);
      body.dataset.chartError = s.id + ': ' + e;
    }
  }
  // Print lays the page out again at the paper's width: the charts follow.
  const resize = () => charts.forEach((c) => c.resize());
  addEventListener('beforeprint', resize);
  addEventListener('afterprint', resize);
})();
`;
