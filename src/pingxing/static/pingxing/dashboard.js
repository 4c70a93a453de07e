// The targets dashboard's charts. The figures come from the page's json_script block
// ("dashboard-data"); the same figures are in the tables under each chart.
(function () {
  "use strict";

  var RED = "#c0392b";
  var GOLD = "#d4a017";
  var COLORS = [RED, GOLD, "#2e86c1", "#27ae60"];
  var GREY = "#888888";

  function readData() {
    var node = document.getElementById("dashboard-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function mount(id, height) {
    var el = document.getElementById(id);
    if (!el || typeof echarts === "undefined") {
      return null;
    }
    if (!el.style.height) {
      el.style.height = height + "px";
    }
    var chart = echarts.init(el);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function pct(p) { return Number(p.value).toFixed(1) + "%"; }

  function targets(data) {
    var chart = mount("chart-targets", 320);
    if (!chart) { return; }
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return Number(v).toFixed(1) + "%"; } },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: "category", data: data.years },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.targets.map(function (goal, i) {
        var color = COLORS[i % COLORS.length];
        return {
          name: goal.name, type: "bar", data: goal.values, itemStyle: { color: color },
          label: { show: true, position: "top", formatter: pct },
          markLine: { symbol: "none", lineStyle: { color: color, type: "dashed" },
                      data: [{ yAxis: goal.target, name: "目标" }],
                      label: { position: "insideEndTop", formatter: goal.name.replace("占比", "") + "目标 {c}%" } }
        };
      })
    });
  }

  function distribution(data) {
    var chart = mount("chart-distribution", 300);
    if (!chart) { return; }
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: "category", data: data.distribution.labels },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: data.distribution.counts, itemStyle: { color: RED },
                 label: { show: true, position: "top" } }]
    });
  }

  function blocking(data) {
    var labels = data.blocking.labels.slice().reverse();
    var counts = data.blocking.counts.slice().reverse();
    var chart = mount("chart-blocking", Math.max(240, 28 * labels.length + 60));
    if (!chart) { return; }
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: labels,
               axisLabel: { width: 320, overflow: "truncate" } },
      series: [{ type: "bar", data: counts, itemStyle: { color: RED },
                 label: { show: true, position: "right" } }]
    });
  }

  function heat(data) {
    if (!data.heat.streets.length) { return; }
    var chart = mount("chart-heat", 48 * data.heat.streets.length + 260);
    if (!chart) { return; }
    var max = 1;
    data.heat.values.forEach(function (v) { max = Math.max(max, v[2]); });
    chart.setOption({
      tooltip: {
        position: "top",
        formatter: function (p) {
          var esc = echarts.format.encodeHTML;  // organization names are typed by people
          return esc(data.heat.streets[p.value[1]]) + "<br>" + esc(data.heat.conditions[p.value[0]]) +
            "：" + p.value[2];
        }
      },
      grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
      xAxis: { type: "category", data: data.heat.conditions,
               axisLabel: { rotate: 40, width: 160, overflow: "truncate", interval: 0 } },
      yAxis: { type: "category", data: data.heat.streets, inverse: true },
      visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center",
                   bottom: 0, inRange: { color: ["#fff5f0", RED] } },
      series: [{ type: "heatmap", data: data.heat.values, label: { show: true },
                 itemStyle: { borderColor: "#fff", borderWidth: 1 },
                 emphasis: { itemStyle: { borderColor: GREY } } }]
    });
  }

  function draw() {
    var data = readData();
    if (!data || !data.years || !data.years.length) { return; }
    targets(data);
    distribution(data);
    blocking(data);
    heat(data);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
