// Draws every element with data-chart using ECharts; the data sits in data-* attributes so pages need no inline script (CSP).
(function () {
  function draw(el) {
    if (!window.echarts || el.dataset.drawn) return;
    el.dataset.drawn = "1";
    var labels = JSON.parse(el.dataset.labels || "[]");
    var values = JSON.parse(el.dataset.values || "[]");
    var chart = echarts.init(el);
    chart.on("finished", function () { el.dataset.finished = "1"; });
    if (el.dataset.chart === "pie") {
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], data: labels.map(function (l, i) { return { name: l, value: values[i] }; }) }]
      });
      window.addEventListener("resize", function () { chart.resize(); });
      return;
    }
    if (el.dataset.multi) {
      // Several series over the same labels: data-multi='[{"name":"…","type":"line","values":[…],"axis":0|1}]'; data-percent puts axis 0 on 0–100.
      var series = JSON.parse(el.dataset.multi);
      var twoAxes = series.some(function (s) { return s.axis === 1; });
      chart.setOption({
        animation: false,
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 48, right: twoAxes ? 48 : 16, top: 16, bottom: 64 },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
        yAxis: [{ type: "value", min: 0, max: el.dataset.percent ? 100 : null, minInterval: el.dataset.percent ? null : 1 },
                { type: "value", min: 0, minInterval: 1, show: twoAxes, max: function (v) { return Math.max(4, Math.ceil(v.max * 1.5)); } }],
        series: series.map(function (s) { return { name: s.name, type: s.type || "line", data: s.values, stack: s.stack, yAxisIndex: s.axis || 0, connectNulls: false, barMaxWidth: 24 }; })
      });
      window.addEventListener("resize", function () { chart.resize(); });
      return;
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 16, top: 16, bottom: 48 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: el.dataset.series || "", type: el.dataset.chart || "bar", data: values, itemStyle: { color: "#206bc4" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function all() { document.querySelectorAll("[data-chart]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all); else all();
  document.addEventListener("htmx:afterSettle", all);
})();
