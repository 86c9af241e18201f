// Jobs side by side: their loss and accuracy per epoch on one chart, and the hyperparameters they differ in.
import { api, ApiError, status } from './api.js';
import { $, el, cell, stateBadge, percent, number, value } from './dom.js';
import { PALETTE, METRICS, newCompareChart } from './charts.js';

const letterOf = (i) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? Math.floor(i / 26) : '');

/** A job's letter on its colour: how the chart's curves, its legend and the tables name it. */
function chip(job) {
  const span = el('span', { class: 'chip', text: job.letter, 'aria-hidden': 'true' });
  span.style.setProperty('--chip', job.colour);
  return span;
}

/** A short line in the metric's own style, as the chart draws it. */
function lineKey(metric) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 28 8');
  svg.setAttribute('class', 'line-key');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
  for (const [name, v] of Object.entries({ x1: 1, y1: 4, x2: 27, y2: 4, 'stroke-width': metric.width })) {
    line.setAttribute(name, v);
  }
  if (metric.dash) line.setAttribute('stroke-dasharray', metric.dash.join(' '));
  svg.append(line);
  return svg;
}

const metricText = (metric, v) => (v == null ? '–' : metric.scale === 'accuracy' ? percent(v) : number(v));

function epochCell(e) {
  if (!e) return cell('');
  return el('td', { class: 'num' }, percent(e.testAccuracy),
    el('span', { class: 'sub', text: `loss ${number(e.testLoss)}, epoch ${e.epoch}` }));
}

/** The legend: a row a job, its values at the epoch under the pointer (its last epoch otherwise), a box to hide it. */
function legend(jobs, epochs, chart) {
  $('#compare-legend thead').replaceChildren(el('tr', {}, el('th', { text: 'Job' }),
    ...METRICS.map((metric) => el('th', { class: 'num' }, lineKey(metric), el('span', { text: ` ${metric.label}` })))));
  const rows = jobs.map((job, j) => {
    const box = el('input', { type: 'checkbox', checked: true, 'aria-label': `Show ${job.id}'s curves` });
    box.addEventListener('change', () => chart.show(j, box.checked));
    return el('tr', { 'data-id': job.id }, el('td', { class: 'id' }, el('label', { class: 'check' }, box, chip(job),
      el('span', { text: job.id }))), ...METRICS.map(() => cell('', 'num')));
  });
  $('#compare-legend tbody').replaceChildren(...rows);
  return (index) => {
    $('#compare-legend-caption').textContent = index == null ? 'Each job at its last epoch'
      : `At epoch ${epochs[index].epoch}`;
    jobs.forEach((job, j) => {
      let at = index;
      if (at == null) {
        at = epochs.length - 1;
        while (at >= 0 && !(epochs[at].jobs && epochs[at].jobs[job.id])) at--;
      }
      const values = at >= 0 && epochs[at].jobs ? epochs[at].jobs[job.id] : null;
      METRICS.forEach((metric, m) => {
        rows[j].cells[m + 1].textContent = metricText(metric, values ? values[metric.key] : null);
      });
    });
  };
}

export async function compare(ids) {
  const section = $('#compare');
  section.hidden = false;
  $('#compare-title').textContent = `Compare ${ids.length} jobs`;
  let answer;
  try {
    answer = await api(`/api/jobs/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  } catch (error) {
    $('#compare-body').hidden = true;
    $('#compare-message').hidden = false;
    // a service from before comparing takes "compare" for a job's id
    const missing = error instanceof ApiError && error.status === 404 && error.message.includes("'compare'");
    $('#compare-message').textContent = missing
      ? `This service cannot compare jobs: it has no GET /api/jobs/compare (${error.message})`
      : `Cannot compare: ${error.message}`;
    status(error.message, true);
    section.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return;
  }
  $('#compare-message').hidden = true;
  $('#compare-body').hidden = false;
  const jobs = answer.jobs.map((job, i) => Object.assign({}, job,
    { letter: letterOf(i), colour: PALETTE[i % PALETTE.length] }));
  const epochs = answer.epochs || [];

  const differing = Object.entries(answer.differing || {});
  $('#compare-differing thead').replaceChildren(el('tr', {}, el('th', { scope: 'col', text: 'Parameter' }),
    ...jobs.map((job) => el('th', { scope: 'col', class: 'num', title: job.id }, chip(job),
      el('span', { class: 'visually-hidden', text: job.id })))));
  $('#compare-differing tbody').replaceChildren(...(differing.length ? differing.map(([name, values]) => el('tr',
    { 'data-parameter': name }, el('th', { scope: 'row', text: name }),
    ...jobs.map((job) => cell(value(values[job.id]), 'num'))))
    : [el('tr', {}, el('td', { colspan: jobs.length + 1, class: 'hint', text: 'They share every hyperparameter.' }))]));

  $('#compare-runs tbody').replaceChildren(...jobs.map((job) => el('tr', { 'data-id': job.id },
    el('td', { class: 'id' }, chip(job), el('span', { class: 'visually-hidden', text: job.id }),
      job.sweepId ? el('span', { class: 'sub', text: job.sweepId }) : null),
    el('td', {}, stateBadge(job.state)), epochCell(job.best), epochCell(job.last))));

  const shared = Object.entries(answer.shared || {});
  $('#compare-shared-count').textContent = String(shared.length);
  $('#compare-shared tbody').replaceChildren(...shared.map(([name, v]) => el('tr', {},
    el('th', { scope: 'row', text: name }), cell(value(v), 'num'))));

  const element = $('#compare-chart');
  element.setAttribute('aria-label', 'Test loss, training loss and test accuracy per epoch of '
    + jobs.map((job) => `${job.letter}: ${job.id}`).join(', '));
  let showEpoch = () => {};
  const chart = newCompareChart(element, jobs, epochs, (index) => showEpoch(index));
  showEpoch = legend(jobs, epochs, chart);
  showEpoch(null);
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

export function setUpCompare() {
  $('#compare-close').addEventListener('click', () => { $('#compare').hidden = true; });
}
