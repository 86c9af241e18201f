// The rollout's report in the Models card (GET /api/models/routing/report): per model since the routing was set, its
// requests, its agreement with the primary as a bar, its latency and what was dropped; and, by the primary's digit,
// where each compared model answered otherwise, as a shaded row of ten.
import { $, el, cell, syncRows } from './dom.js';
import { roleBadge } from './roles.js';

const ORDER = { primary: 0, canary: 1, shadow: 2, named: 3 };
const rowKey = (entry) => `${entry.role}:${entry.modelId}`;

/** The report's models, and the routing's parts it has not counted yet (nothing answered since it was set). */
function entries(report, routing) {
  const list = [...(report.models || [])];
  const { primary, canary, shadow } = routing || {};
  const wanted = [['primary', primary], ['canary', canary && canary.modelId], ['shadow', shadow && shadow.modelId]];
  for (const [role, modelId] of wanted) {
    if (modelId && !list.some((entry) => entry.role === role && entry.modelId === modelId)) {
      list.push({ modelId, role, requests: 0, predictions: 0, compared: 0, agreement: null, perClass: [],
        p50Ms: null, p95Ms: null, dropped: 0 });
    }
  }
  return list.sort((a, b) => ORDER[a.role] - ORDER[b.role] || a.modelId.localeCompare(b.modelId));
}

const milliseconds = (value) => (value == null ? null : value < 10 ? value.toFixed(2) : value.toFixed(1));
const onePercent = (value) => `${(100 * value).toFixed(1)}%`;

/** The report, with the routing's parts it has not counted yet shown as such. */
export function renderReport(report, routing) {
  $('#rollout-report').dataset.since = report.since || '';
  const list = entries(report, routing);
  syncRows($('#rollout-models tbody'), list, rowKey, () => el('tr', {},
    el('td', { class: 'who' }, el('div', { class: 'who-box' })), cell('', 'num requests'), el('td', { class: 'agreement' }), cell('', 'num latency'),
    cell('', 'num dropped')), updateRow);
  renderDisagreement(list.filter((entry) => entry.role !== 'primary' && entry.role !== 'named'));
}

function updateRow(row, entry) {
  const [who, requests, agreement, latency, dropped] = row.cells;
  row.dataset.role = entry.role;
  row.dataset.requests = String(entry.requests);
  row.dataset.agreement = entry.agreement == null ? '' : String(entry.agreement);
  who.firstChild.replaceChildren(roleBadge(entry.role), el('span', { class: 'mono model-id', text: entry.modelId }));
  requests.replaceChildren(String(entry.requests), entry.predictions !== entry.requests
    ? el('span', { class: 'sub', text: `${entry.predictions} images` }) : '');
  agreement.replaceChildren(...agreementCell(entry));
  const p50 = milliseconds(entry.p50Ms);
  latency.textContent = p50 == null ? '–' : `${p50} / ${milliseconds(entry.p95Ms)} ms`;
  dropped.textContent = String(entry.dropped);
  dropped.classList.toggle('warn-text', entry.dropped > 0);
}

function agreementCell(entry) {
  if (entry.role === 'primary') return [el('span', { class: 'muted', text: 'the reference' })];
  if (entry.agreement == null) {
    return [el('span', { class: 'muted', text: entry.role === 'canary' && entry.requests === 0 ? 'no answer yet'
      : 'nothing compared yet' })];
  }
  const bar = el('span', { class: 'bar' });
  bar.style.width = `${(100 * entry.agreement).toFixed(1)}%`;
  const agreed = entry.compared - (entry.perClass || []).reduce((sum, c) => sum + c.disagreed, 0);
  return [el('span', { class: 'agree' }, el('span', { class: 'track', 'aria-hidden': 'true' }, bar),
    el('span', { class: 'value', text: onePercent(entry.agreement) })),
  el('span', { class: 'sub', text: `${agreed} of ${entry.compared} images` })];
}

/** A shaded row of ten per compared model: by the primary's digit, the share it answered otherwise, counts written. */
function renderDisagreement(compared) {
  const shown = compared.filter((entry) => entry.compared > 0);
  $('#disagreement-box').hidden = shown.length === 0;
  if (!shown.length) return;
  const table = $('#disagreement');
  table.tHead.replaceChildren(el('tr', {}, el('th', { scope: 'col', text: "Primary's digit" }),
    ...Array.from({ length: 10 }, (_, digit) => el('th', { scope: 'col', class: 'num', text: String(digit) }))));
  table.tBodies[0].replaceChildren(...shown.map((entry) => {
    const byDigit = new Map((entry.perClass || []).map((c) => [c.digit, c]));
    return el('tr', { 'data-role': entry.role, 'data-id': rowKey(entry) },
      el('th', { scope: 'row' }, roleBadge(entry.role)),
      ...Array.from({ length: 10 }, (_, digit) => disagreementCell(digit, byDigit.get(digit))));
  }));
}

function disagreementCell(digit, counts) {
  if (!counts || counts.compared === 0) {
    // nothing to shade: a dash, and the cell's ground
    return el('td', { class: 'none', title: `No image the primary called ${digit} compared yet` },
      el('span', { text: '–' }));
  }
  const rate = counts.disagreed / counts.compared;
  const td = el('td', { 'data-digit': String(digit), 'data-disagreed': String(counts.disagreed),
    title: `${counts.disagreed} of the ${counts.compared} images the primary called ${digit} answered otherwise` },
  el('span', { class: 'rate', text: `${Math.round(100 * rate)}%` }),
  el('span', { class: 'count', text: `${counts.disagreed}/${counts.compared}` }));
  // darker: more disagreement; a little already shows, a half or more is the darkest
  if (rate > 0) {
    const level = 0.14 + 0.71 * Math.min(1, Math.sqrt(rate / 0.5));
    td.style.background = `rgba(213, 94, 0, ${level.toFixed(3)})`;
  } else {
    td.classList.add('agreed');
  }
  return td;
}
