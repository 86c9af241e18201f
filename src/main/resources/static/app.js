// The Digits page: a thin client of the service's own API (the same calls the README shows with curl).
'use strict';

const $ = (selector) => document.querySelector(selector);
// The token lives as long as the tab (sessionStorage), unless "remember" is ticked: then it stays on this device
// (localStorage) until unticked.
const TOKEN_KEY = 'digits.token';
const tokenInput = $('#token');
const rememberBox = $('#remember');
rememberBox.checked = localStorage.getItem(TOKEN_KEY) !== null;
tokenInput.value = localStorage.getItem(TOKEN_KEY) || sessionStorage.getItem(TOKEN_KEY) || '';

function keepToken() {
  const token = tokenInput.value.trim();
  sessionStorage.setItem(TOKEN_KEY, token);
  if (rememberBox.checked) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

tokenInput.addEventListener('change', () => {
  keepToken();
  load();
});
rememberBox.addEventListener('change', keepToken);

function status(message, isError) {
  const line = $('#status');
  line.textContent = message || '';
  line.classList.toggle('error', Boolean(isError));
}

function authorized(headers) {
  const token = tokenInput.value.trim();
  return token ? Object.assign({ Authorization: 'Bearer ' + token }, headers) : Object.assign({}, headers);
}

async function api(path, options = {}) {
  const response = await fetch(path, Object.assign({}, options, { headers: authorized(options.headers) }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    // problem+json names the field and the limit: show it as it is
    throw new Error(body && (body.detail || body.title) ? `${body.title || response.status}: ${body.detail || ''}`
      : `${response.status} ${response.statusText}`);
  }
  return body;
}

const percent = (value) => (value == null ? '' : (100 * value).toFixed(2) + '%');
// a cell whose text is a button: rows can be chosen with the keyboard too
function choice(text, label, onChoose) {
  const td = document.createElement('td');
  td.className = 'id';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link';
  button.textContent = text;
  button.setAttribute('aria-label', label);
  button.addEventListener('click', (event) => { event.stopPropagation(); onChoose(); });
  td.append(button);
  return td;
}

const cell = (text, className) => {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
};

function renderFindings(list, findings) {
  list.replaceChildren(...(findings || []).map((finding) => {
    const item = document.createElement('li');
    item.className = (finding.severity || 'info').toLowerCase();
    item.textContent = [finding.summary, finding.advice].filter(Boolean).map((t) => t.replace(/[.\s]*$/, '.')).join(' ');
    return item;
  }));
}

// ---- Train --------------------------------------------------------------------------------------------------------
const form = $('#train-form');
let presets = [];

async function loadPresets() {
  presets = await api('/api/presets');
  const select = form.elements.preset;
  select.replaceChildren(select.options[0]);
  for (const preset of presets) {
    const option = document.createElement('option');
    option.value = preset.name;
    option.textContent = preset.name;
    option.title = preset.description;
    select.append(option);
  }
}

form.elements.preset.addEventListener('change', () => {
  const preset = presets.find((p) => p.name === form.elements.preset.value);
  if (!preset) return;
  const s = preset.settings || {};
  if (s.hiddenLayers) form.elements.hiddenLayers.value = s.hiddenLayers.join(', ');
  for (const name of ['optimizer', 'learningRate', 'batchSize', 'epochs', 'dataset']) {
    if (s[name] != null) form.elements[name].value = s[name];
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = form.elements;
  const request = { activate: f.activate.checked };
  if (f.preset.value) request.preset = f.preset.value;
  request.dataset = f.dataset.value;
  request.optimizer = f.optimizer.value;
  request.hiddenLayers = f.hiddenLayers.value.split(/[\s,]+/).filter(Boolean).map(Number);
  for (const name of ['learningRate', 'batchSize', 'epochs', 'trainLimit']) {
    if (f[name].value !== '') request[name] = Number(f[name].value);
  }
  try {
    const job = await api('/api/jobs', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
    });
    renderFindings($('#train-warnings'), job.setupFindings);
    status(`Job ${job.id} queued`);
    watch(job.id);
  } catch (error) {
    status(error.message, true);
  }
});

// ---- Jobs and the live loss chart ---------------------------------------------------------------------------------
let watched = null;

async function refreshJobs() {
  const jobs = await api('/api/jobs?size=20');
  $('#jobs tbody').replaceChildren(...jobs.map((job) => {
    const row = document.createElement('tr');
    row.dataset.id = job.id;
    const selected = watched !== null && watched.id === job.id;
    row.classList.toggle('selected', selected);
    if (selected) row.setAttribute('aria-current', 'true');
    const last = job.epochs.length ? job.epochs[job.epochs.length - 1] : null;
    row.append(choice(job.id, `Watch ${job.id}`, () => watch(job.id)), cell(job.state), cell(progressText(job)),
      cell(last ? percent(last.testAccuracy) : ''));
    row.addEventListener('click', () => watch(job.id));
    return row;
  }));
}

function progressText(job) {
  const p = job.progress;
  if (!p) return '';
  const eta = p.etaSeconds != null && job.state === 'RUNNING' ? `, ${Math.ceil(p.etaSeconds)} s left` : '';
  return `epoch ${p.epoch}/${p.epochs}, ${Math.round(100 * p.fraction)}%${eta}`;
}

let chart = null;

function newChart(element) {
  if (chart) chart.destroy();
  element.replaceChildren();
  element.dataset.points = '0';
  element.dataset.epochs = '0';
  const data = [[], [], []];
  const plot = new uPlot({
    width: Math.max(240, element.clientWidth), height: 240,
    scales: { x: { time: false }, accuracy: { range: [0, 1] } },
    series: [
      { label: 'iteration' },
      { label: 'loss', stroke: '#2a6fdb', width: 1.5, scale: 'loss', spanGaps: true },
      { label: 'test accuracy', stroke: '#b45309', width: 2, dash: [6, 4], scale: 'accuracy', spanGaps: true,
        points: { show: true, size: 7 }, value: (u, v) => percent(v) },
    ],
    axes: [{ label: 'iteration' }, { label: 'loss', scale: 'loss' },
      { label: 'test accuracy', scale: 'accuracy', side: 1, size: 60, grid: { show: false },
        values: (u, vs) => vs.map((v) => Math.round(100 * v) + '%') }],
  }, data, element);
  let pending = false;
  chart = {
    destroy: () => plot.destroy(),
    add(x, loss, accuracy) {
      data[0].push(x); data[1].push(loss); data[2].push(accuracy);
      element.dataset.points = String(data[0].length);
      if (accuracy != null) element.dataset.epochs = String(Number(element.dataset.epochs) + 1);
      if (!pending) {
        pending = true;
        requestAnimationFrame(() => { pending = false; plot.setData(data); });
      }
    },
    lastX: () => (data[0].length ? data[0][data[0].length - 1] : 0),
  };
  return chart;
}

// The job's event stream, read with fetch rather than EventSource so that it can send the token (reads may be
// protected) and Last-Event-ID; it reconnects where it left off until the job's last event.
async function follow(id, handlers, signal) {
  let lastId = null;
  while (!signal.aborted) {
    let response;
    try {
      const headers = authorized({ Accept: 'text/event-stream' });
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      response = await fetch(`/api/jobs/${encodeURIComponent(id)}/events`, { headers, signal });
    } catch (error) {
      if (signal.aborted) return;
      status(`The event stream of ${id} broke (${error.message}); reconnecting`, true);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      continue;
    }
    if (response.status === 204) return handlers.ended();
    if (!response.ok) {
      const problem = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : {};
      status(`Cannot follow ${id}: ${problem.detail || response.status}`, true);
      return handlers.ended();
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id:')) lastId = line.slice(3).trim();
            else if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5);
          }
          if (data && handlers[name]) handlers[name](JSON.parse(data));
          if (name === 'done') return undefined;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return undefined;
}

// which engine trains a job, and why, once it has started
function engineText(job) {
  if (!job.engine) return '';
  const name = job.engine === 'fused-cpu' ? "Trained by Digits' fused CPU step" : "Trained by DL4J's fit";
  return job.engineReason ? `${name}: ${job.engineReason}.` : `${name}.`;
}

function watch(id) {
  if (watched) watched.stop.abort();
  const stop = new AbortController();
  watched = { id, stop };
  const current = () => watched !== null && watched.id === id;
  $('#job-detail').hidden = false;
  $('#job-title').textContent = id;
  $('#job-engine').textContent = '';
  renderFindings($('#job-findings'), []);
  const lossChart = newChart($('#loss-chart'));
  let fetching = false;
  let latest = null;
  const describe = (job) => {
    if (!current()) return;
    const loss = latest != null ? `, loss ${latest.toFixed(4)}` : '';
    $('#job-progress').textContent = `${job.state}. ${progressText(job)}${loss}${job.error ? '. ' + job.error : ''}`;
    $('#job-engine').textContent = engineText(job);
  };
  // progress and ETA come from the job itself, asked for at most once at a time
  const showJob = () => {
    if (fetching) return;
    fetching = true;
    api(`/api/jobs/${encodeURIComponent(id)}`).then(describe)
      .catch((error) => status(error.message, true))
      .finally(() => { fetching = false; });
  };
  follow(id, {
    iteration(point) {
      if (point.iteration > lossChart.lastX()) lossChart.add(point.iteration, point.loss, null);
      latest = point.loss;
    },
    epoch(epoch) {
      lossChart.add(lossChart.lastX(), null, epoch.testAccuracy);
      showJob();
    },
    state: showJob,
    diagnosis(findings) { if (current()) renderFindings($('#job-findings'), findings); },
    done(job) {
      describe(job);
      refreshJobs().catch((error) => status(error.message, true));
      refreshModels().catch((error) => status(error.message, true));
    },
    ended: showJob,
  }, stop.signal);
  showJob();
  refreshJobs().catch((error) => status(error.message, true));
}

// ---- Models -------------------------------------------------------------------------------------------------------
async function refreshModels() {
  const models = await api('/api/models');
  $('#model-list tbody').replaceChildren(...models.map((model) => {
    const row = document.createElement('tr');
    row.dataset.id = model.id;
    row.append(choice(model.id, `Show ${model.id}`, () => inspect(model.id)), cell(percent(model.testAccuracy)),
      cell(model.active ? 'active' : (model.usable ? '' : `unusable: ${model.problem}`)));
    const actions = document.createElement('td');
    if (!model.active && model.usable) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Activate';
      button.className = 'activate';
      button.setAttribute('aria-label', `Activate ${model.id}`);
      button.addEventListener('click', (event) => { event.stopPropagation(); activate(model.id); });
      actions.append(button);
    }
    row.append(actions);
    row.addEventListener('click', () => inspect(model.id));
    return row;
  }));
}

async function activate(id) {
  try {
    await api('/api/models/active', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ modelId: id }),
    });
    await refreshModels();
    status(`Model ${id} is active`);
  } catch (error) {
    status(error.message, true);
  }
}

async function inspect(id) {
  let model;
  try {
    model = await api(`/api/models/${encodeURIComponent(id)}`);
  } catch (error) {
    status(error.message, true);
    return;
  }
  $('#model-detail').hidden = false;
  $('#model-title').textContent = `${model.id}: ${percent(model.testAccuracy)} on the test set`;
  const matrix = model.confusionMatrix || [];
  const largest = Math.max(1, ...matrix.flat());
  const header = document.createElement('tr');
  header.append(cell('actual'), ...matrix.map((_, j) => cell(String(j))));
  const rows = matrix.map((counts, i) => {
    const row = document.createElement('tr');
    row.append(cell(String(i)), ...counts.map((count, j) => {
      const td = cell(String(count));
      // shade by count, with the count written out: readable without colour
      const level = count === 0 ? 0 : 0.15 + 0.85 * Math.sqrt(count / largest);
      td.style.background = `rgba(18, 61, 128, ${level})`;
      // white text only on the darkest cells, dark text elsewhere: both stay legible
      td.style.color = level > 0.75 ? '#fff' : '#1b1b1b';
      if (i === j) td.classList.add('diagonal');
      return td;
    }));
    return row;
  });
  $('#confusion').replaceChildren(header, ...rows);
  $('#per-class tbody').replaceChildren(...(model.classes || []).map((c) => {
    const row = document.createElement('tr');
    row.append(cell(String(c.digit)), cell(percent(c.precision)), cell(percent(c.recall)), cell(String(c.support)));
    return row;
  }));
}

// ---- Predict ------------------------------------------------------------------------------------------------------
const pad = $('#pad');
const ink = pad.getContext('2d');

function clearPad() {
  ink.fillStyle = '#000';
  ink.fillRect(0, 0, pad.width, pad.height);
  $('#answer').hidden = true;
}

let drawing = false;
function at(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}
pad.addEventListener('pointerdown', (event) => {
  drawing = true;
  pad.setPointerCapture(event.pointerId);
  ink.beginPath();
  ink.moveTo(...at(event));
});
pad.addEventListener('pointermove', (event) => {
  if (!drawing) return;
  ink.lineTo(...at(event));
  ink.strokeStyle = '#fff';
  ink.lineWidth = 22;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  ink.stroke();
});
const finish = () => {
  if (!drawing) return;
  drawing = false;
  pad.toBlob((blob) => predict(blob, 'drawing.png'), 'image/png');
};
pad.addEventListener('pointerup', finish);
pad.addEventListener('pointercancel', finish);
$('#clear').addEventListener('click', clearPad);
$('#upload').addEventListener('change', (event) => {
  const file = event.target.files[0];
  if (file) predict(file, file.name);
  event.target.value = '';
});

async function predict(blob, name) {
  const body = new FormData();
  body.append('image', blob, name);
  try {
    const answer = await api('/api/predictions', { method: 'POST', body });
    const prediction = answer.predictions[0];
    status('');
    $('#answer').hidden = false;
    $('#answer-digit').textContent = String(prediction.digit);
    $('#answer-confidence').textContent = percent(prediction.confidence);
    $('#answer-model').textContent = answer.modelId;
    $('#bars').replaceChildren(...prediction.probabilities.map((p, digit) => {
      const item = document.createElement('li');
      item.classList.toggle('best', digit === prediction.digit);
      const label = document.createElement('span');
      label.textContent = String(digit);
      const bar = document.createElement('span');
      bar.className = 'bar';
      bar.style.width = `${(100 * p).toFixed(1)}%`;
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = percent(p);
      item.append(label, bar, value);
      return item;
    }));
    status('');
  } catch (error) {
    $('#answer').hidden = true;
    status(error.message, true);
  }
}

// ---- Start --------------------------------------------------------------------------------------------------------
function load() {
  Promise.all([loadPresets(), refreshJobs(), refreshModels()]).catch((error) => status(error.message, true));
}

clearPad();
load();
// the job list is refreshed while the page is in view, never two requests at once
let refreshing = false;
setInterval(() => {
  if (document.hidden || refreshing) return;
  refreshing = true;
  refreshJobs().catch((error) => status(error.message, true)).finally(() => { refreshing = false; });
}, 5000);
