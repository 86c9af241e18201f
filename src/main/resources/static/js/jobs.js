// The jobs: a list to tick for comparing, and the job chosen, live: its loss chart, why it stopped, its best epoch.
import { api, follow, report } from './api.js';
import {
  $, el, cell, linkButton, syncRows, stateBadge, stateLabel, percent, number, value, renderFindings,
} from './dom.js';
import { newLossChart } from './charts.js';
import { compare } from './compare.js';
import { refreshModels } from './models.js';
import { showSweep } from './sweeps.js';

let watched = null;
// the jobs ticked for comparing, by id: kept whatever the list's refreshes do
const ticked = new Set();

function progressText(job) {
  const p = job.progress;
  if (!p) return '';
  const eta = p.etaSeconds != null && job.state === 'RUNNING' ? `, ${Math.ceil(p.etaSeconds)} s left` : '';
  return `epoch ${p.epoch}/${p.epochs}, ${Math.round(100 * p.fraction)}%${eta}`;
}

// the service compares 2 to 10 jobs at once
export const MOST_COMPARED = 10;

function showTicked() {
  const count = ticked.size;
  const button = $('#compare-button');
  button.disabled = count < 2 || count > MOST_COMPARED;
  button.textContent = count >= 2 && count <= MOST_COMPARED ? `Compare ${count} jobs` : 'Compare';
  $('#ticked').textContent = count === 0 ? 'Tick two or more jobs to compare them'
    : count === 1 ? '1 job ticked: tick one more'
      : count > MOST_COMPARED ? `${count} jobs ticked: ${MOST_COMPARED} at most can be compared` : `${count} jobs ticked`;
  $('#untick').hidden = count === 0;
}

function createRow(job) {
  const box = el('input', { type: 'checkbox', class: 'tick', 'aria-label': `Tick ${job.id} to compare` });
  box.addEventListener('change', () => {
    if (box.checked) ticked.add(job.id);
    else ticked.delete(job.id);
    showTicked();
  });
  box.addEventListener('click', (event) => event.stopPropagation());
  const row = el('tr', {},
    el('td', { class: 'tick-cell' }, box),
    el('td', { class: 'id' }, linkButton(job.id, `Watch ${job.id}`, () => watch(job.id)), el('span', { class: 'sub' })),
    el('td', { class: 'state-cell' }), cell('', 'progress'), cell('', 'num'));
  row.addEventListener('click', () => watch(job.id));
  return row;
}

function updateRow(row, job) {
  const [tickCell, idCell, stateCell, progressCell, accuracyCell] = row.cells;
  tickCell.firstChild.checked = ticked.has(job.id);
  idCell.querySelector('.sub').textContent = job.trial ? `trial #${job.trial.index} of ${job.trial.sweepId}` : '';
  if (stateCell.dataset.state !== job.state) {
    stateCell.dataset.state = job.state;
    stateCell.replaceChildren(stateBadge(job.state));
  }
  progressCell.textContent = progressText(job);
  const last = job.epochs.length ? job.epochs[job.epochs.length - 1] : null;
  accuracyCell.textContent = last ? percent(last.testAccuracy) : '';
  const selected = watched !== null && watched.id === job.id;
  row.classList.toggle('selected', selected);
  if (selected) row.setAttribute('aria-current', 'true');
  else row.removeAttribute('aria-current');
}

export async function refreshJobs() {
  const jobs = await api('/api/jobs?size=20');
  syncRows($('#jobs tbody'), jobs, (job) => job.id, createRow, updateRow);
}

// ---- One job, live ------------------------------------------------------------------------------------------------
const RULES = {
  'early-stopping': 'by early stopping', 'stop-when': 'on reaching its target', 'max-seconds': 'at its time limit',
  diagnosis: 'by the diagnosis', diverged: 'as it diverged', asha: "by the sweep's ASHA rule",
  median: "by the sweep's median rule", 'sweep-ended': 'as its sweep ended', 'queue-full': 'for a full queue',
};

/** Why a job stopped, or waits, in words: what stopped it and when, then the service's own sentence. */
function stopText(job) {
  const reason = job.stopReason;
  if (!reason) return '';
  const sentence = (reason.message || '').replace(/[.\s]*$/, '');
  // the service's own rules say when already ("Stopped in epoch 3 after 10.2 s of training: ...")
  if (/^Stopped in epoch/.test(sentence)) return `${sentence}.`;
  const rule = RULES[reason.rule] || `by ${reason.rule}`;
  const message = sentence ? `: ${sentence}.` : '.';
  if (job.state === 'PAUSED') return `Paused after epoch ${reason.epoch} ${rule}${message}`;
  if (job.state === 'FAILED') return `Failed in epoch ${reason.epoch}${message}`;
  return `Stopped in epoch ${reason.epoch} ${rule}${message}`;
}

function bestText(job) {
  if (job.bestEpoch == null) return '';
  const epoch = job.epochs.find((e) => e.epoch === job.bestEpoch);
  const numbers = epoch ? ` (test loss ${number(epoch.testLoss)}, accuracy ${percent(epoch.testAccuracy)})` : '';
  const last = job.epochs.length ? job.epochs[job.epochs.length - 1].epoch : null;
  const note = last != null && last !== job.bestEpoch ? `; the last epoch is ${last}` : '';
  return `Best epoch: ${job.bestEpoch}${numbers}${note}.`;
}

// which engine trains a job, and why, once it has started
function engineText(job) {
  if (!job.engine) return '';
  const name = job.engine === 'fused-cpu' ? "Trained by Digits' fused CPU step" : "Trained by DL4J's fit";
  return job.engineReason ? `${name}: ${job.engineReason}.` : `${name}.`;
}

function settingsText(h) {
  if (!h) return '';
  const rate = `${h.optimizer} at ${number(h.learningRate)}${h.learningRateSchedule === 'cosine' ? ' (cosine)' : ''}`;
  const parts = [`784-${h.hiddenLayers.length ? h.hiddenLayers.join('-') + '-' : ''}10 ${h.activation}`, rate,
    `batch ${h.batchSize}`, `${h.epochs} epochs`, `${h.trainLimit} images of ${h.dataset}`];
  if (h.dropout > 0) parts.push(`dropout ${value(h.dropout)}`);
  return parts.join(' · ');
}

export function watch(id) {
  if (watched) watched.stop.abort();
  const stop = new AbortController();
  watched = { id, stop };
  const current = () => watched !== null && watched.id === id;
  $('#job-detail').hidden = false;
  $('#job-title').textContent = id;
  for (const line of ['#job-engine', '#job-settings', '#job-stop', '#job-best']) $(line).textContent = '';
  $('#job-state').replaceChildren();
  $('#job-trial').replaceChildren();
  renderFindings($('#job-findings'), []);
  const lossChart = newLossChart($('#loss-chart'));
  let fetching = false;
  let latest = null;
  const describe = (job) => {
    if (!current()) return;
    const loss = latest != null ? `, loss ${latest.toFixed(4)}` : '';
    $('#job-state').replaceChildren(stateBadge(job.state));
    const error = job.error ? `. ${job.error}` : '';
    $('#job-progress').textContent = `${stateLabel(job.state)}. ${progressText(job)}${loss}${error}`;
    $('#job-settings').textContent = settingsText(job.hyperparameters);
    $('#job-stop').textContent = stopText(job);
    $('#job-best').textContent = bestText(job);
    $('#job-engine').textContent = engineText(job);
    $('#job-trial').replaceChildren(...(job.trial ? [`Trial #${job.trial.index} of `,
      linkButton(job.trial.sweepId, `Show ${job.trial.sweepId}`, () => showSweep(job.trial.sweepId, true))] : []));
  };
  // progress and ETA come from the job itself, asked for at most once at a time
  const fetchJob = () => {
    if (fetching) return;
    fetching = true;
    api(`/api/jobs/${encodeURIComponent(id)}`).then(describe).catch(report)
      .finally(() => { fetching = false; });
  };
  follow(`/api/jobs/${encodeURIComponent(id)}/events`, {
    iteration(point) {
      if (point.iteration > lossChart.lastX()) lossChart.add(point.iteration, point.loss, null);
      latest = point.loss;
    },
    epoch(epoch) {
      lossChart.add(lossChart.lastX(), null, epoch.testAccuracy);
      fetchJob();
    },
    state: fetchJob,
    diagnosis(findings) { if (current()) renderFindings($('#job-findings'), findings); },
    done(job) {
      describe(job);
      refreshJobs().catch(report);
      refreshModels().catch(report);
    },
    ended: fetchJob,
  }, stop.signal);
  fetchJob();
  refreshJobs().catch(report);
}

/** Shows a job, brought into view: from a sweep's trial. */
export function showJob(id) {
  watch(id);
  $('#watch').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export function setUpJobs() {
  $('#compare-button').addEventListener('click', () => compare([...ticked]));
  $('#untick').addEventListener('click', () => {
    ticked.clear();
    for (const box of document.querySelectorAll('#jobs input.tick')) box.checked = false;
    showTicked();
  });
  showTicked();
}

/** Ticks these jobs (a sweep's trials) and compares them. */
export function compareJobs(ids) {
  ticked.clear();
  ids.forEach((id) => ticked.add(id));
  for (const box of document.querySelectorAll('#jobs input.tick')) {
    box.checked = ticked.has(box.closest('tr').dataset.id);
  }
  showTicked();
  compare(ids);
}
