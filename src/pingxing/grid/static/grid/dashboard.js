// The grid dashboard's charts. The figures come from the page's json_script block
// ("grid-dashboard-data"); the same figures are in the tables under each chart.
(function () {
  "use strict";

  var RED = "#c0392b";

  function readData() {
    var node = document.getElementById("grid-dashboard-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function mount(id) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") { return null; }
    var chart = echarts.init(el);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function categories(data) {
    var chart = mount("chart-categories");
    if (!chart) { return; }
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.categories.labels.slice().reverse() },
      series: [{ type: "bar", data: data.categories.counts.slice().reverse(), itemStyle: { color: RED },
                 label: { show: true, position: "right" } }]
    });
  }

  function heat(data) {
    var chart = mount("chart-heat");
    if (!chart || !data.heat.grids.length) { return; }
    var max = 1;
    data.heat.values.forEach(function (v) { if (v[2] > max) { max = v[2]; } });
    chart.setOption({
      tooltip: { position: "top" },
      grid: { left: 8, right: 16, top: 16, bottom: 60, containLabel: true },
      xAxis: { type: "category", data: data.heat.categories, axisLabel: { rotate: 30 } },
      yAxis: { type: "category", data: data.heat.grids },
      visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: ["#fdf2f0", RED] } },
      series: [{ type: "heatmap", data: data.heat.values, label: { show: true } }]
    });
  }

  function start() {
    var data = readData();
    if (!data) { return; }
    categories(data);
    heat(data);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
