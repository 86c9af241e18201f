// Sweeps: start one from a form, list them, and follow one live: its trials, its best, its chart.
import { api, follow, postJson, report, status } from './api.js';
import { $, el, linkButton, syncRows, stateBadge, number, percent, ago, FINAL_STATES } from './dom.js';
import { showJob, refreshJobs, compareJobs, MOST_COMPARED } from './jobs.js';
import { refreshModels } from './models.js';
import { METRIC_NAMES, parametersText, renderChart, renderTrials, setUpTrialHeaders } from './trials.js';

const form = $('#sweep-form');
const STOPPING_NAMES = { asha: 'ASHA', median: 'the median rule', none: 'no early stopping' };
const sweepFinal = (state) => state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';

// ---- The form -----------------------------------------------------------------------------------------------------
/** "128, 64" on a line is one shape; "none" (or 0) is no hidden layer at all. */
function shapes(text) {
  return text.split(/[\n;]+/).map((line) => line.trim()).filter(Boolean).map((line) => {
    if (/^(none|0)$/i.test(line)) return [];
    const units = line.split(/[\s,x-]+/).filter(Boolean).map(Number);
    if (units.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new Error(`Layer shapes: "${line}" is not a list of unit counts`);
    }
    return units;
  });
}

function sweepRequest() {
  const f = form.elements;
  const low = Number(f.lrLow.value);
  const high = Number(f.lrHigh.value);
  const base = {};
  for (const name of ['epochs', 'trainLimit']) if (f[name].value !== '') base[name] = Number(f[name].value);
  const parameters = { learningRate: { logUniform: [Math.min(low, high), Math.max(low, high)] } };
  const layerShapes = shapes(f.shapes.value);
  if (layerShapes.length) parameters.hiddenLayers = { values: layerShapes };
  return {
    base, parameters, maxTrials: Number(f.maxTrials.value), objective: { metric: f.metric.value },
    earlyStopping: { type: f.stopping.value }, activateBest: f.activateBest.checked,
  };
}

async function startSweep(event) {
  event.preventDefault();
  try {
    const sweep = await postJson('/api/sweeps', sweepRequest());
    status(`Sweep ${sweep.id} started: ${sweep.trials.length} trials`);
    await refreshSweeps();
    showSweep(sweep.id, false, sweep);
  } catch (error) {
    report(error);
  }
}

// ---- The list -----------------------------------------------------------------------------------------------------
let shown = null;

function trialCount(sweep) {
  const ended = sweep.trials.filter((t) => FINAL_STATES.has(t.state)).length;
  return `${ended}/${sweep.trials.length}`;
}

export async function refreshSweeps() {
  const sweeps = await api('/api/sweeps?size=10');
  $('#sweep-list-empty').hidden = sweeps.length > 0;
  $('#sweep-list').hidden = sweeps.length === 0;
  syncRows($('#sweep-list tbody'), sweeps, (s) => s.id, (s) => {
    const row = el('tr', {}, el('td', { class: 'id' }, linkButton(s.id, `Show ${s.id}`, () => showSweep(s.id)),
      el('span', { class: 'sub' })), el('td', { class: 'state-cell' }), el('td', { class: 'num' }));
    row.addEventListener('click', () => showSweep(s.id));
    return row;
  }, (row, s) => {
    const [idCell, stateCell, trials] = row.cells;
    idCell.querySelector('.sub').textContent = `started ${ago(s.createdAt)}`;
    if (stateCell.dataset.state !== s.state) {
      stateCell.dataset.state = s.state;
      stateCell.replaceChildren(stateBadge(s.state));
    }
    trials.replaceChildren(trialCount(s),
      s.best ? el('span', { class: 'sub', text: `best ${number(s.best.objective)}` }) : '');
    row.classList.toggle('selected', shown !== null && shown.id === s.id);
  });
  // the newest sweep is shown until another is chosen
  if (shown === null && sweeps.length) showSweep(sweeps[0].id);
}

// ---- One sweep, live ----------------------------------------------------------------------------------------------
/** The trials with an epoch to show, the best first when there are more than can be compared at once. */
function comparableTrials(view) {
  const better = view.spec.goal === 'maximize' ? -1 : 1;
  return view.trials.filter((t) => t.jobId && t.epochs > 0 && t.objective != null)
    .sort((a, b) => better * (a.objective - b.objective)).slice(0, MOST_COMPARED).map((t) => t.jobId);
}

function render(view) {
  shown.view = view;
  const detail = $('#sweep-detail');
  detail.dataset.state = view.state;
  $('#sweep-title').textContent = view.id;
  $('#sweep-state').replaceChildren(stateBadge(view.state));
  $('#sweep-cancel').hidden = sweepFinal(view.state);
  const spec = view.spec;
  const metric = METRIC_NAMES[spec.metric] || spec.metric;
  const stopping = spec.stopping === 'asha'
    ? `ASHA (judged after epoch${view.rungs.length > 1 ? 's' : ''} ${view.rungs.join(', ')}; `
      + `the best 1/${spec.reductionFactor} go on)`
    : STOPPING_NAMES[spec.stopping] || spec.stopping;
  const saved = view.epochsPlanned > 0 && view.state === 'SUCCEEDED' && view.epochsTrained < view.epochsPlanned
    ? ` (${Math.round(100 * (1 - view.epochsTrained / view.epochsPlanned))}% saved by stopping early)` : '';
  $('#sweep-facts').replaceChildren(...[
    ['Search', `${spec.method}, ${view.trials.length} trials, ${spec.maxConcurrent} at once`],
    ['Objective', `${metric}, ${spec.goal === 'maximize' ? 'higher' : 'lower'} is better`],
    ['Early stopping', stopping],
    ['Epochs trained', `${view.epochsTrained} of ${view.epochsPlanned}${saved}`],
    ['Trials ended', trialCount(view)],
  ].map(([term, text]) => el('div', {}, el('dt', { text: term }), el('dd', { text }))));
  const best = view.best;
  $('#sweep-best').hidden = !best;
  if (best) {
    $('#sweep-best-text').textContent = `trial #${best.index}: ${parametersText(best.parameters)}; `
      + `${metric} ${number(best.objective)}`
      + (spec.metric !== 'testAccuracy' && best.testAccuracy != null ? `, accuracy ${percent(best.testAccuracy)}` : '')
      + `, ${best.epochs} epoch${best.epochs === 1 ? '' : 's'}`
      + `${view.activatedModelId ? `; its model ${view.activatedModelId} is now active` : ''}.`;
  }
  // a failed sweep's error in red; a cancelled one's note is no error
  $('#sweep-error').textContent = view.state === 'FAILED' && view.error ? `Failed: ${view.error}` : '';
  const comparable = comparableTrials(view);
  $('#sweep-compare').hidden = comparable.length < 2;
  $('#sweep-compare').textContent = comparable.length < view.trials.filter((t) => t.epochs > 0).length
    ? `Compare its ${comparable.length} best trials` : `Compare its ${comparable.length} trials`;
  renderTrials(view);
  renderChart(view);
}

/** Shows a sweep and follows its event stream until it ends (or another sweep is shown). */
export async function showSweep(id, scroll, known) {
  if (shown && shown.id === id && !known) {
    if (scroll) $('#sweeps').scrollIntoView({ behavior: 'smooth', block: 'start' });
    return;
  }
  if (shown) shown.stop.abort();
  const stop = new AbortController();
  shown = { id, stop, view: null };
  const mine = shown;
  const current = () => shown === mine;
  const detail = $('#sweep-detail');
  detail.hidden = false;
  $('#sweep-none').hidden = true;
  detail.dataset.events = '0';
  for (const row of $('#sweep-list tbody').rows) row.classList.toggle('selected', row.dataset.id === id);
  if (scroll) $('#sweeps').scrollIntoView({ behavior: 'smooth', block: 'start' });
  let view = known;
  try {
    view = view || await api(`/api/sweeps/${encodeURIComponent(id)}`);
  } catch (error) {
    report(error);
    return;
  }
  if (!current()) return;
  render(view);
  const counted = (handler) => (data) => {
    if (!current()) return;
    detail.dataset.events = String(Number(detail.dataset.events) + 1);
    handler(data);
  };
  const replaceTrial = (trial) => {
    const view = shown.view;
    const trials = view.trials.map((t) => (t.index === trial.index ? trial : t));
    const best = view.best && view.best.index === trial.index ? trial : view.best;
    render(Object.assign({}, view, { trials, best, epochsTrained: trials.reduce((sum, t) => sum + t.epochs, 0) }));
  };
  follow(`/api/sweeps/${encodeURIComponent(id)}/events`, {
    sweep: counted(render),
    trial: counted(replaceTrial),
    best: counted((best) => render(Object.assign({}, shown.view, { best }))),
    state: counted(({ state }) => render(Object.assign({}, shown.view, { state }))),
    done: counted((view) => {
      render(view);
      refreshSweeps().catch(report);
      refreshJobs().catch(report);
      if (view.activatedModelId) refreshModels().catch(report);
    }),
  }, stop.signal);
}

async function cancelShown() {
  if (!shown) return;
  try {
    const view = await api(`/api/sweeps/${encodeURIComponent(shown.id)}/cancel`, { method: 'POST' });
    render(view);
    status(`Sweep ${view.id} cancelled`);
    refreshSweeps().catch(report);
  } catch (error) {
    report(error);
  }
}

export function setUpSweeps() {
  form.addEventListener('submit', startSweep);
  setUpTrialHeaders();
  $('#sweep-cancel').addEventListener('click', cancelShown);
  $('#sweep-compare').addEventListener('click', () => {
    if (!shown || !shown.view) return;
    compareJobs(comparableTrials(shown.view));
  });
  $('#sweep-best-job').addEventListener('click', () => {
    if (shown && shown.view && shown.view.best) showJob(shown.view.best.jobId);
  });
}
