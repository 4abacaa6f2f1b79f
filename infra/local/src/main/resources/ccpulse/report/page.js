// Draws the model (sections of charts and tables) with Apache ECharts. The report has the model
// inlined; the live page (data-live set) fetches it from its own origin every few seconds.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var status = document.getElementById('status');
  var charts = {}; // item id -> ECharts instance (the browser test reads their options)
  var tables = {};
  window.ccpulseCharts = charts;

  function utc(ms) {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  }

  function formatter(unit) {
    if (unit === 'percent') {
      return function (v) { return Math.round(v * 100) + ' %'; };
    }
    if (unit === 's') {
      return function (v) { return v + ' s'; };
    }
    return function (v) { return String(v); };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function chartOption(item, model) {
    var fmt = formatter(item.unit);
    var series = item.series.map(function (s, i) {
      // A sparse series (a rejection or two) is drawn as points: a line needs two.
      var out = { name: s.name, type: 'line', showSymbol: s.data.length < 30, data: s.data };
      if (i === 0 && item.thresholds.length) {
        out.markLine = {
          silent: true, symbol: 'none',
          lineStyle: { type: 'dashed', color: '#c0392b' },
          label: { position: 'insideEndTop', formatter: function (p) { return 'alert at ' + fmt(p.value); } },
          data: item.thresholds.map(function (v) { return { yAxis: v }; })
        };
      }
      if (i === 0 && item.areas.length) {
        out.markArea = {
          itemStyle: { color: 'rgba(231, 76, 60, 0.10)' },
          label: { show: false },
          tooltip: { formatter: function (p) { return p.name; } },
          data: item.areas.map(function (a) { return [{ xAxis: a.from, name: a.label }, { xAxis: a.to }]; })
        };
      }
      return out;
    });
    var points = item.series.reduce(function (n, s) {
      return n + s.data.filter(function (p) { return p[1] !== null; }).length;
    }, 0);
    return {
      title: points ? { show: false } : {
        text: 'no data in this range', left: 'center', top: 'middle',
        textStyle: { color: '#a33', fontSize: 13, fontWeight: 'normal' }
      },
      useUTC: true,
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '-' : fmt(Math.round(v * 1000) / 1000); } },
      legend: { type: 'scroll', bottom: 0 },
      grid: { top: 20, left: 60, right: 24, bottom: 56 },
      xAxis: { type: 'time', min: model.from, max: model.to },
      yAxis: item.unit === 'percent'
        ? { type: 'value', min: 0, max: 1, axisLabel: { formatter: fmt } }
        : { type: 'value', axisLabel: { formatter: fmt } },
      series: series
    };
  }

  function fillTable(box, item) {
    box.textContent = '';
    if (!item.rows.length) {
      box.appendChild(el('p', 'empty', 'no rows'));
      return;
    }
    var table = el('table');
    var head = el('tr');
    item.columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    item.rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (v) {
        tr.appendChild(el('td', /^-?[0-9.]+$/.test(v) ? 'num' : null, v));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
  }

  function render(model) {
    document.title = model.title;
    document.getElementById('title').textContent = model.title;
    status.textContent = utc(model.from) + ' to ' + utc(model.to) +
      (model.live ? ' (event time) · refreshed ' + new Date().toLocaleTimeString() : '') +
      ' · generated ' + model.generated;
    model.sections.forEach(function (section) {
      var sid = 'section-' + section.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      var box = document.getElementById(sid);
      if (!box) {
        box = el('section');
        box.id = sid;
        box.appendChild(el('h2', null, section.title));
        box.appendChild(el('p', 'note', section.note));
        box.appendChild(el('div', 'grid'));
        main.appendChild(box);
      }
      var grid = box.querySelector('.grid');
      section.items.forEach(function (item) {
        var key = sid + '/' + item.id;
        var card = document.getElementById(key);
        if (!card) {
          card = el('div', 'item ' + item.type + '-item');
          card.id = key;
          card.appendChild(el('h3', null, item.title));
          if (item.description) { card.appendChild(el('p', 'desc', item.description)); }
          card.appendChild(el('div', item.type === 'chart' ? 'chart' : 'scroll'));
          grid.appendChild(card);
        }
        var target = card.lastChild;
        if (item.type === 'chart') {
          var chart = charts[key] || (charts[key] = echarts.init(target));
          chart.setOption(chartOption(item, model), { notMerge: true });
        } else {
          tables[key] = item;
          fillTable(target, item);
        }
      });
    });
    // The page has its final width now (scroll bar included): charts fill their boxes.
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  }

  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  var live = document.body.dataset.live;
  if (!live) {
    render(JSON.parse(document.getElementById('model').textContent));
    return;
  }
  var every = Number(document.body.dataset.refreshMs);
  function refresh() {
    fetch(live, { cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) { return r.text().then(function (t) { throw new Error(r.status + ': ' + t); }); }
        return r.json();
      })
      .then(function (model) {
        render(model);
        window.ccpulseRefreshes = (window.ccpulseRefreshes || 0) + 1;
      })
      .catch(function (e) { status.textContent = 'Cannot read ' + live + ': ' + e.message; })
      .then(function () { setTimeout(refresh, every); });
  }
  refresh();
})();
