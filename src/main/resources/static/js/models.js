// The models: accuracy, the active one (and the canary and shadow beside it), activating another, and a model's
// confusion matrix. The rollout panel (js/rollout.js) is refreshed with the list, from the same routing.
import { api, report, status } from './api.js';
import { $, el, cell, linkButton, syncRows, percent } from './dom.js';
import { followModel, refreshDrift } from './drift.js';
import { routedAs, showRollout } from './rollout.js';

function createRow(model) {
  const row = el('tr', {}, el('td', { class: 'id' }, linkButton(model.id, `Show ${model.id}`, () => inspect(model.id))),
    cell('', 'num'), cell(''), el('td', { class: 'action' }));
  row.addEventListener('click', () => inspect(model.id));
  return row;
}

function updateRow(row, model) {
  const [, accuracy, active, actions] = row.cells;
  accuracy.textContent = percent(model.testAccuracy);
  const routed = routedAs(model.id);
  active.textContent = model.active ? 'active' : (model.usable ? routed || '' : `unusable: ${model.problem}`);
  active.className = model.active ? 'active-model' : (routed ? 'routed-model' : '');
  const canActivate = !model.active && model.usable;
  if (canActivate && !actions.firstChild) {
    actions.append(el('button', { type: 'button', class: 'activate secondary', text: 'Activate',
      'aria-label': `Activate ${model.id}`, onclick: (event) => { event.stopPropagation(); activate(model.id); } }));
  } else if (!canActivate) {
    actions.replaceChildren();
  }
}

export async function refreshModels() {
  const [models, routing] = await Promise.all([api('/api/models'), api('/api/models/routing')]);
  const rollout = showRollout(models, routing);
  syncRows($('#model-list tbody'), models, (model) => model.id, createRow, updateRow);
  const active = models.find((model) => model.active && model.usable);
  followModel(active ? active.id : null);
  await rollout;
}

async function activate(id) {
  try {
    await api('/api/models/active', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ modelId: id }),
    });
    await refreshModels();
    refreshDrift();
    status(`Model ${id} is active`);
  } catch (error) {
    report(error);
  }
}

async function inspect(id) {
  let model;
  try {
    model = await api(`/api/models/${encodeURIComponent(id)}`);
  } catch (error) {
    report(error);
    return;
  }
  $('#model-detail').hidden = false;
  $('#model-title').textContent = `${model.id}: ${percent(model.testAccuracy)} on the test set`;
  const matrix = model.confusionMatrix || [];
  const largest = Math.max(1, ...matrix.flat());
  const header = el('tr', {}, cell('actual'), ...matrix.map((_, j) => cell(String(j))));
  const rows = matrix.map((counts, i) => el('tr', {}, cell(String(i)), ...counts.map((count, j) => {
    const td = cell(String(count));
    // shade by count, with the count written out: readable without colour
    const level = count === 0 ? 0 : 0.15 + 0.85 * Math.sqrt(count / largest);
    td.style.background = `rgba(18, 61, 128, ${level})`;
    // white text only on the darkest cells, dark text elsewhere: both stay legible
    td.style.color = level > 0.75 ? '#fff' : '#1b1b1b';
    if (i === j) td.classList.add('diagonal');
    return td;
  })));
  $('#confusion').replaceChildren(header, ...rows);
  $('#per-class tbody').replaceChildren(...(model.classes || []).map((c) => el('tr', {},
    cell(String(c.digit)), cell(percent(c.precision), 'num'), cell(percent(c.recall), 'num'),
    cell(String(c.support), 'num'))));
}
