// The rollout in the Models card: who answers the requests (the primary, a canary for its share, a shadow that only
// sees a copy), said in words and drawn as a split bar; a form to try a model as canary or shadow; Promote and
// Remove; and the report since the routing was set (GET /api/models/routing/report): per model its requests, its
// agreement with the primary, its latency, and where it disagrees, by the primary's digit.
import { api, status } from './api.js';
import { $, el, ago } from './dom.js';
import { renderReport } from './rollout-report.js';
import { roleBadge } from './roles.js';

/** The last routing read (GET /api/models/routing) and the last models listed. */
let routing = null;
let models = [];
let onChange = () => Promise.resolve();

/** 12.5% and 10%, not 12.50% nor 10.00%. */
const share = (percent) => `${Number(percent.toFixed(2))}%`;

/** What a stored model does in the routing, in a few words for the models list; null when it has no part. */
export function routedAs(id) {
  if (!routing) return null;
  if (routing.canary && routing.canary.modelId === id) return `canary, ${share(routing.canary.percent)}`;
  if (routing.shadow && routing.shadow.modelId === id) return `shadow, ${share(routing.shadow.percent)}`;
  return null;
}

export function setUpRollout(refresh) {
  onChange = refresh;
  const form = $('#rollout-form');
  form.addEventListener('change', (event) => {
    if (event.target.name === 'role') showRole();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setPart();
  });
  showRole();
}

const chosenRole = () => $('#rollout-form').elements.role.value;

/** The form for the role chosen: the canary's has a sticky header, and cannot be the primary. */
function showRole() {
  const role = chosenRole();
  $('#rollout-form .sticky-field').hidden = role !== 'canary';
  $('#rollout-set').textContent = `Set ${role}`;
  fillModels();
}

/** Usable models, the primary left out for a canary; the choice kept across refreshes while it stays offered. */
function fillModels() {
  const select = $('#rollout-form').elements.modelId;
  const primary = routing && routing.primary;
  const role = chosenRole();
  const offered = models.filter((model) => model.usable && !(role === 'canary' && model.id === primary));
  const wanted = offered.map((model) => `${model.id}|${model.testAccuracy}`).join(',');
  if (select.dataset.offered === wanted) return;
  const chosen = select.value;
  select.dataset.offered = wanted;
  select.replaceChildren(...(offered.length ? offered.map((model) => el('option', { value: model.id,
    text: `${model.id} (${(100 * model.testAccuracy).toFixed(2)}%)${model.id === primary ? ', the primary' : ''}` }))
    : [el('option', { value: '', text: 'no other usable model: train one' })]));
  if (offered.some((model) => model.id === chosen)) select.value = chosen;
  // a model other than the current canary or shadow is the likelier choice
  else if (offered.length) {
    const busy = new Set([primary, routing && routing.canary && routing.canary.modelId,
      routing && routing.shadow && routing.shadow.modelId]);
    const free = offered.find((model) => !busy.has(model.id));
    select.value = (free || offered[0]).id;
  }
}

/** Called with each refresh of the models list: the routing is read with it, the report here. */
export async function showRollout(modelList, current) {
  models = modelList;
  routing = current;
  renderRouting();
  fillModels();
  renderReport(await api('/api/models/routing/report'), routing);
}

// ---- The routing in words, and as a split bar ----------------------------------------------------------------------
function renderRouting() {
  const panel = $('#rollout');
  const { primary, canary, shadow } = routing;
  panel.dataset.primary = primary || '';
  panel.dataset.canary = canary ? canary.modelId : '';
  panel.dataset.shadow = shadow ? shadow.modelId : '';
  $('#rollout-since').textContent = routing.setAt ? `set ${ago(routing.setAt)}` : '';
  const id = (text) => el('span', { class: 'mono', text });
  const items = [];
  if (!primary) {
    items.push(el('li', { class: 'routing-none', text: 'No active model: activate one above, then try others beside it.' }));
  } else {
    const words = !canary ? ' answers every request: the active model'
      : canary.percent >= 100 ? ' answers no request while the canary takes them all; it stays the active model'
        : ` answers the other ${share(100 - canary.percent)} of the requests: the active model`;
    items.push(el('li', { 'data-role': 'primary' }, roleBadge('primary'), el('span', { class: 'words' }, id(primary), words)));
  }
  if (canary) {
    items.push(el('li', { 'data-role': 'canary' }, roleBadge('canary'), el('span', { class: 'words' }, id(canary.modelId),
      ` answers ${share(canary.percent)} of the requests`,
      canary.stickyBy ? [', the same model for each value of the ', id(canary.stickyBy), ' header']
        : ', each request drawn on its own'),
    el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', id: 'rollout-promote', text: 'Promote to primary',
        'aria-label': `Promote the canary ${canary.modelId} to primary`, onclick: promote }),
      el('button', { type: 'button', class: 'secondary', id: 'rollout-remove-canary', text: 'Remove canary',
        'aria-label': `Remove the canary ${canary.modelId}`, onclick: () => remove('canary') }))));
  }
  if (shadow) {
    items.push(el('li', { 'data-role': 'shadow' }, roleBadge('shadow'), el('span', { class: 'words' }, id(shadow.modelId),
      ` sees a copy of ${share(shadow.percent)} of the requests after their answer, and is only compared`),
    el('span', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', id: 'rollout-remove-shadow', text: 'Remove shadow',
        'aria-label': `Remove the shadow ${shadow.modelId}`, onclick: () => remove('shadow') }))));
  }
  replaceKeepingFocus($('#routing'), items);
  // with nothing on trial, the words say it all: no bar, no report; with no other model, nothing to try either
  const trying = Boolean(primary && (canary || shadow));
  const alone = !trying && !models.some((model) => model.usable && model.id !== primary);
  $('#rollout-alone').hidden = !primary || !alone;
  $('#rollout-form').hidden = !primary || alone;
  $('#rollout-report').hidden = !trying;
  renderSplit(trying);
}

/** Replaces the list's items; a button that had the focus gives it to its namesake. */
function replaceKeepingFocus(list, items) {
  const focused = document.activeElement;
  const focusedId = focused && list.contains(focused) ? focused.id : null;
  list.replaceChildren(...items);
  if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus({ preventScroll: true });
}

/** Who answers, as one bar: the primary's part solid, the canary's striped; the shadow's copy as a dashed bar below. */
function renderSplit(trying) {
  const split = $('#split');
  const { primary, canary, shadow } = routing;
  split.hidden = !trying;
  if (!trying) return;
  const canaryPercent = canary ? canary.percent : 0;
  // each part as wide as its share (a share too thin to see still drawn), its words in the key beside the bar
  const part = (role, percent, text) => {
    const span = el('span', { class: `split-part split-${role}`, title: text });
    span.style.flex = `${percent} 1 0`;
    span.style.minWidth = percent > 0 ? '4px' : '0';
    return span;
  };
  const key = (role, percent) => el('span', { class: 'split-key' },
    el('span', { class: `swatch split-${role}`, 'aria-hidden': 'true' }), `${role} ${share(percent)}`);
  const answers = el('div', { class: 'split-bar' },
    part('primary', 100 - canaryPercent, `${primary} answers ${share(100 - canaryPercent)}`),
    canary ? part('canary', canaryPercent, `${canary.modelId} answers ${share(canaryPercent)}`) : null);
  const rows = [el('div', { class: 'split-row' }, el('span', { class: 'split-name', text: 'Answers' }), answers,
    el('span', { class: 'split-keys' }, key('primary', 100 - canaryPercent), canary ? key('canary', canaryPercent) : null))];
  if (shadow) {
    const copy = part('shadow', shadow.percent, `${shadow.modelId} sees a copy of ${share(shadow.percent)}`);
    const rest = el('span', { class: 'split-part split-rest' });
    rest.style.flex = `${100 - shadow.percent} 1 0`;
    rows.push(el('div', { class: 'split-row' }, el('span', { class: 'split-name', text: 'Copied' }),
      el('div', { class: 'split-bar split-copy' }, copy, rest), el('span', { class: 'split-keys' }, key('shadow', shadow.percent))));
  }
  split.replaceChildren(...rows);
  split.setAttribute('aria-label', [`Answers: ${share(100 - canaryPercent)} by the primary ${primary}`,
    canary ? `, ${share(canaryPercent)} by the canary ${canary.modelId}` : '',
    shadow ? `. Copied to the shadow ${shadow.modelId}: ${share(shadow.percent)}` : ''].join(''));
}

// ---- Changing the routing ------------------------------------------------------------------------------------------
const canaryPart = (canary) => (canary ? { modelId: canary.modelId, percent: canary.percent,
  ...(canary.stickyBy ? { stickyBy: canary.stickyBy } : {}) } : undefined);
const shadowPart = (shadow) => (shadow ? { modelId: shadow.modelId, percent: shadow.percent } : undefined);

/** PUT sets the whole routing: the part not being changed is sent as it is, the primary left as it is. */
async function put(body, done) {
  showError(null);
  try {
    await api('/api/models/routing', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    status(done);
    await onChange();
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

function setPart() {
  const form = $('#rollout-form');
  const f = form.elements;
  const role = chosenRole();
  const percentText = f.percent.value.trim();
  const part = { modelId: f.modelId.value || null, percent: percentText === '' ? null : Number(percentText) };
  if (role === 'canary' && f.stickyBy.value.trim()) part.stickyBy = f.stickyBy.value.trim();
  const body = {
    canary: role === 'canary' ? part : canaryPart(routing && routing.canary),
    shadow: role === 'shadow' ? part : shadowPart(routing && routing.shadow),
  };
  const what = role === 'canary' ? `answers ${share(part.percent || 0)} of the requests`
    : `sees a copy of ${share(part.percent || 0)} of the requests`;
  return put(body, `${part.modelId} is the ${role} now: it ${what}`);
}

function remove(role) {
  const current = routing || {};
  const gone = current[role] && current[role].modelId;
  return put({ canary: role === 'canary' ? undefined : canaryPart(current.canary),
    shadow: role === 'shadow' ? undefined : shadowPart(current.shadow) }, `The ${role} ${gone} is removed`);
}

async function promote() {
  showError(null);
  const canary = routing && routing.canary;
  try {
    const after = await api('/api/models/routing/promote', { method: 'POST' });
    status(`${after.primary || (canary && canary.modelId)} is the primary now: it answers every request`);
    await onChange();
  } catch (error) {
    showError(error);
  }
}

/** The service's refusal in words beside the form, the field at fault marked; never a stack. */
function showError(error) {
  const form = $('#rollout-form');
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  const line = $('#rollout-error');
  if (!error) {
    line.textContent = '';
    return;
  }
  const problem = error.problem || {};
  line.textContent = problem.detail || problem.title || error.message;
  const field = (problem.field || '').split('.').pop();
  const input = form.elements[field];
  if (input && input.name) input.setAttribute('aria-invalid', 'true');
}
