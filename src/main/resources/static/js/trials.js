// A sweep's trials: the table, sortable by any column (buttons in the headers, so the keyboard sorts too), and the
// chart of each trial's objective against its learning rate.
import { $, el, cell, icon, linkButton, syncRows, stateBadge, number, percent, value, shortName } from './dom.js';
import { newSweepChart, trialKind } from './charts.js';
import { showJob } from './jobs.js';

export const METRIC_NAMES = { testLoss: 'test loss', testAccuracy: 'test accuracy' };
let lastView = null;
let chart = null;
let chartAxes = null;

const COLUMNS = [
  { key: 'index', label: '#', compare: (a, b) => a.index - b.index },
  { key: 'parameters', label: 'Parameters', compare: (a, b) => parameterKey(a) - parameterKey(b) || a.index - b.index },
  { key: 'state', label: 'State', compare: (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) },
  { key: 'epochs', label: 'Epochs', compare: (a, b) => a.epochs - b.epochs },
  { key: 'objective', label: 'Objective', compare: (a, b) => a.objective - b.objective, nullsLast: (t) => t.objective },
  { key: 'stop', label: 'Why it stopped', compare: (a, b) => stopKey(a).localeCompare(stopKey(b)),
    nullsLast: (t) => t.stopReason },
];
const STATE_ORDER = ['RUNNING', 'PAUSED', 'QUEUED', 'PLANNED', 'SUCCEEDED', 'STOPPED_EARLY', 'FAILED', 'CANCELLED'];
const parameterKey = (t) => (typeof t.parameters.learningRate === 'number' ? t.parameters.learningRate : t.index);
const stopKey = (t) => (t.stopReason ? `${t.stopReason.rule} ${String(t.stopReason.epoch).padStart(5, '0')}` : '');
let sort = { key: 'index', direction: 1 };

function sorted(trials) {
  const column = COLUMNS.find((c) => c.key === sort.key);
  return [...trials].sort((a, b) => {
    if (column.nullsLast) {
      const missingA = column.nullsLast(a) == null;
      const missingB = column.nullsLast(b) == null;
      // trials without a value stay last, whichever way the column is sorted
      if (missingA !== missingB) return missingA ? 1 : -1;
      if (missingA) return a.index - b.index;
    }
    return sort.direction * column.compare(a, b) || a.index - b.index;
  });
}

export function setUpTrialHeaders() {
  const row = $('#trials thead tr');
  row.replaceChildren(...COLUMNS.map((column) => {
    const button = el('button', { type: 'button', class: 'sort', 'data-key': column.key },
      el('span', { class: 'label', text: column.label }), el('span', { class: 'arrow', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => {
      sort = { key: column.key, direction: sort.key === column.key ? -sort.direction : 1 };
      if (lastView) renderTrials(lastView);
    });
    return el('th', { scope: 'col', 'data-key': column.key, 'aria-sort': 'none' }, button);
  }));
}

export const parametersText = (parameters) => Object.entries(parameters)
  .map(([name, v]) => `${shortName(name)} ${value(v)}`).join(' · ');

const RULE_NAMES = { asha: 'ASHA', median: 'Median rule', 'sweep-ended': 'Sweep ended', diverged: 'Diverged',
  diagnosis: 'Diagnosis', 'early-stopping': 'Early stopping', 'max-seconds': 'Time limit' };

function stopSummary(trial) {
  const reason = trial.stopReason;
  if (!reason) return null;
  const rule = RULE_NAMES[reason.rule] || reason.rule;
  const when = trial.state === 'PAUSED' ? `waits after epoch ${reason.epoch}` : `epoch ${reason.epoch}`;
  const numbers = reason.value != null && reason.cutoff != null
    ? `: ${number(reason.value)} against cutoff ${number(reason.cutoff)}` : '';
  return `${rule}, ${when}${numbers}`;
}

function plannedEpochs(view, trial) {
  return trial.parameters.epochs ?? view.spec.base.epochs ?? null;
}

export function renderTrials(view) {
  lastView = view;
  const metric = METRIC_NAMES[view.spec.metric] || view.spec.metric;
  for (const th of document.querySelectorAll('#trials thead th')) {
    const active = th.dataset.key === sort.key;
    th.setAttribute('aria-sort', active ? (sort.direction > 0 ? 'ascending' : 'descending') : 'none');
    if (th.dataset.key === 'objective') th.querySelector('.label').textContent = metric;
  }
  const bestIndex = view.best ? view.best.index : null;
  syncRows($('#trials tbody'), sorted(view.trials), (t) => String(t.index), () => el('tr', {},
    el('td', { class: 'index' }), cell(''), el('td', { class: 'state-cell' }), cell('', 'num'),
    el('td', { class: 'num' }), el('td', { class: 'why' })), (row, trial) => {
    const [indexCell, parametersCell, stateCell, epochsCell, objectiveCell, whyCell] = row.cells;
    const best = trial.index === bestIndex;
    row.classList.toggle('best', best);
    row.dataset.state = trial.state;
    if (indexCell.dataset.job !== (trial.jobId || '')) {
      // made anew only when the trial gets its job: a focused link keeps its focus through live updates
      indexCell.dataset.job = trial.jobId || '';
      indexCell.replaceChildren(trial.jobId ? linkButton(`#${trial.index}`, `Show trial ${trial.index}: ${trial.jobId}`,
        () => showJob(trial.jobId)) : el('span', { text: `#${trial.index}` }),
      el('span', { class: 'best-mark' }, icon('BEST'), el('span', { text: 'best' })));
    }
    indexCell.querySelector('.best-mark').hidden = !best;
    parametersCell.textContent = parametersText(trial.parameters);
    if (stateCell.dataset.state !== trial.state) {
      stateCell.dataset.state = trial.state;
      stateCell.replaceChildren(stateBadge(trial.state));
    }
    const planned = plannedEpochs(view, trial);
    epochsCell.textContent = planned ? `${trial.epochs} of ${planned}` : String(trial.epochs);
    objectiveCell.replaceChildren(trial.objective == null ? '' : number(trial.objective),
      view.spec.metric !== 'testAccuracy' && trial.testAccuracy != null
        ? el('span', { class: 'sub', text: `${percent(trial.testAccuracy)} accuracy` }) : '');
    const summary = stopSummary(trial);
    const key = summary ? `${summary}|${trial.stopReason.message}` : '';
    if (whyCell.dataset.key !== key) {
      whyCell.dataset.key = key;
      whyCell.replaceChildren(summary ? el('details', {}, el('summary', { text: summary }),
        el('p', { text: trial.stopReason.message })) : '');
    }
  });
}

export function renderChart(view) {
  const logX = view.trials.some((t) => typeof t.parameters.learningRate === 'number');
  const points = view.trials.filter((t) => t.objective != null).map((t) => ({
    x: logX ? t.parameters.learningRate : t.index, y: t.objective, kind: trialKind(t, view.best), index: t.index,
  })).sort((a, b) => a.x - b.x);
  const element = $('#sweep-chart');
  const axes = `${logX ? 'learning rate' : 'trial'}|${view.spec.metric}`;
  if (!chart || chartAxes !== axes) {
    chart = newSweepChart(element, { xLabel: logX ? 'learning rate (log scale)' : 'trial',
      yLabel: METRIC_NAMES[view.spec.metric] || view.spec.metric, logX });
    chartAxes = axes;
  }
  chart.update(points);
  $('#sweep-chart-empty').hidden = points.length > 0;
  element.hidden = points.length === 0;
  const counts = { best: 0, done: 0, stopped: 0, failed: 0, active: 0 };
  points.forEach((p) => { counts[p.kind] += 1; });
  const cancelled = view.trials.filter((t) => t.objective != null && t.state === 'CANCELLED').length;
  const stoppedLabel = cancelled === 0 ? 'stopped early' : cancelled === counts.stopped ? 'cancelled'
    : 'stopped early or cancelled';
  const best = view.best;
  element.setAttribute('aria-label', `${METRIC_NAMES[view.spec.metric]} against ${logX ? 'learning rate' : 'trial'}: `
    + `${points.length} trials${best ? `; the best, trial ${best.index}, at ${number(best.objective)}` : ''}`);
  const legend = [['BEST', 'best', counts.best], ['DOT', 'finished', counts.done],
    ['STOPPED_EARLY', stoppedLabel, counts.stopped], ['RING', 'running or waiting (so far)', counts.active],
    ['TRIANGLE', 'failed', counts.failed]];
  $('#sweep-chart-legend').replaceChildren(...legend.filter(([, , n]) => n > 0).map(([shape, label, n]) => el('li',
    { class: `marker marker-${shape.toLowerCase()}` }, icon(shape), el('span', { text: `${label} (${n})` }))));
}

