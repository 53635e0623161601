// The console's dashboard: plain JavaScript against the HTTP API, no build step. The token stays in this tab only.
'use strict';

const state = { token: sessionStorage.getItem('tollgate-token') || '', alerts: new Map() };

// A link with #token=... (tollgate demo prints one) signs this tab in; the fragment never reaches a server, and it
// is taken off the address bar so that it does not stay in the history.
const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromLink) {
  state.token = fromLink;
  sessionStorage.setItem('tollgate-token', fromLink);
  history.replaceState(null, '', location.pathname + location.search);
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { 'Authorization': 'Bearer ' + state.token, 'Content-Type': 'application/json', ...(options.headers || {}) },
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({ error: response.statusText }));
    throw new Error(response.status + ': ' + (body.error || response.statusText));
  }
  return response;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  return td;
}

function button(label, action) {
  const b = document.createElement('button');
  b.textContent = label;
  b.dataset.action = label.toLowerCase();
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await action(); } catch (e) { alert(e.message); } finally { b.disabled = false; }
  });
  return b;
}

// --- alerts: the feed arrives as server-sent events, read with fetch so the token travels in a header ---

// A row is built once per alert; later news of it only changes its cells, so its buttons stay where they are.
function renderAlert(a, isNew) {
  let row = document.getElementById('alert-' + a.id);
  if (!row) {
    row = document.createElement('tr');
    row.id = 'alert-' + a.id;
    const severity = document.createElement('span');
    severity.className = 'severity ' + a.severity;
    severity.textContent = a.severity;
    const first = document.createElement('td');
    first.append(severity);
    const actions = document.createElement('td');
    actions.append(
      button('Acknowledge', () => alertAction(a, 'acknowledge')),
      button('Resolve', () => alertAction(a, 'resolve')),
      button('Block', () => block(a)));
    row.append(first, cell(a.rule), cell(a.customer), cell(a.subject), cell(''), cell(''), actions);
    document.querySelector('#alerts tbody').prepend(row);
  }
  row.className = isNew ? 'new' : '';
  row.cells[4].textContent = a.lastEventTime;
  row.cells[5].textContent = a.status;
}

async function alertAction(a, action) {
  const response = await api('/api/alerts/' + encodeURIComponent(a.id) + '/' + action, { method: 'POST' });
  renderAlert(await response.json(), false);
}

async function block(a) {
  await api('/api/instructions/block', {
    method: 'POST',
    body: JSON.stringify({ scope: 'customer', customer: a.customer, reason: 'console: alert ' + a.rule }),
  });
  document.getElementById('feed-state').textContent = 'blocked ' + a.customer;
}

async function followAlerts() {
  const feed = document.getElementById('feed-state');
  try {
    const listed = await (await api('/api/alerts?limit=50')).json();
    listed.alerts.reverse().forEach(a => renderAlert(a, false));
    const response = await api('/api/alerts/stream', { headers: { 'Accept': 'text/event-stream' } });
    feed.textContent = 'live';
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).join('\n');
        if (data) renderAlert(JSON.parse(data), true);
      }
    }
    feed.textContent = 'reconnecting';
  } catch (e) {
    feed.textContent = 'not connected (' + e.message + ')';
  }
  setTimeout(followAlerts, 3000);
}

// --- charts: inline SVG polylines, scaled to each series ---

function drawSeries(svg, points, label) {
  svg.replaceChildren();
  if (!points.length) return;
  const max = Math.max(...points.map(p => p.value), 1);
  const step = 300 / Math.max(points.length - 1, 1);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.map((p, i) => (i * step).toFixed(1) + ',' + (95 - 85 * p.value / max).toFixed(1)).join(' '));
  const text = document.createElementNS('http://www.w3.org/2000/svg', 'text');
  text.setAttribute('x', 4);
  text.setAttribute('y', 10);
  text.textContent = (label || '') + 'max ' + max;
  svg.append(line, text);
}

async function loadCharts() {
  const to = new Date();
  const hourAgo = new Date(to.getTime() - 3600_000);
  try {
    const traffic = await (await api('/api/stats/traffic?step=1m&from=' + hourAgo.toISOString() + '&to=' + to.toISOString())).json();
    drawSeries(document.getElementById('chart-cps'), traffic.points.map(p => ({ value: p.cps })));
    drawSeries(document.getElementById('chart-concurrent'), traffic.points.map(p => ({ value: p.concurrent })));
    drawSeries(document.getElementById('chart-asr'), traffic.points.map(p => ({ value: p.asr ?? 0 })));
  } catch (e) { /* a role without statistics sees empty charts */ }
  try {
    const dayAgo = new Date(to.getTime() - 86400_000);
    const margin = await (await api('/api/stats/margin?step=1h&from=' + dayAgo.toISOString() + '&to=' + to.toISOString())).json();
    const panel = document.getElementById('margins');
    panel.replaceChildren();
    for (const series of margin.series) {
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = series.customer + ' (' + series.currency + ')';
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 300 100');
      figure.append(caption, svg);
      panel.append(figure);
      drawSeries(svg, series.points.map(p => ({ value: Number(p.margin) })));
    }
  } catch (e) { /* as above */ }
}

// --- invoices ---

async function loadInvoices() {
  try {
    const listed = await (await api('/api/invoices')).json();
    const body = document.querySelector('#invoices tbody');
    body.replaceChildren();
    for (const inv of listed.invoices) {
      const row = document.createElement('tr');
      const ref = inv.number || inv.id;
      const link = document.createElement('a');
      link.href = '#';
      link.textContent = 'PDF';
      link.className = 'pdf';
      link.addEventListener('click', e => { e.preventDefault(); download(ref); });
      const actions = document.createElement('td');
      actions.append(link);
      row.append(cell(ref), cell(inv.customer), cell(inv.period), cell(inv.status), cell(inv.total + ' ' + inv.currency), actions);
      body.append(row);
    }
  } catch (e) { /* a role without invoices sees none */ }
}

async function download(ref) {
  const response = await api('/api/invoices/' + encodeURIComponent(ref) + '/pdf');
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = ref + '.pdf';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

document.getElementById('generate').addEventListener('submit', async e => {
  e.preventDefault();
  const status = document.getElementById('generate-state');
  try {
    const body = JSON.stringify({ customer: document.getElementById('invoice-customer').value.trim(),
                                  period: document.getElementById('invoice-period').value.trim() });
    const generated = await (await api('/api/invoices', { method: 'POST', body })).json();
    const first = generated.invoices[0];
    status.textContent = 'generated ' + (first.number || first.id);
    await loadInvoices();
    await download(first.number || first.id);
  } catch (err) {
    status.textContent = err.message;
  }
});

document.getElementById('login').addEventListener('submit', e => {
  e.preventDefault();
  state.token = document.getElementById('token').value.trim();
  sessionStorage.setItem('tollgate-token', state.token);
  start();
});

let started = false;
function start() {
  document.getElementById('who').textContent = state.token ? 'token set' : '';
  if (!state.token) return;
  loadCharts();
  loadInvoices();
  if (!started) {
    started = true;
    followAlerts();
    setInterval(loadCharts, 30_000);
  }
}

start();
