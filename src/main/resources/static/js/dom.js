// Small DOM helpers shared by the views: elements, table rows kept across refreshes, states, numbers.

export const $ = (selector) => document.querySelector(selector);

/** An element with attributes (class, text and data-* included) and children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name === 'class') element.className = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter((child) => child != null && child !== false));
  return element;
}

export const cell = (text, className) => el('td', { text, class: className });

/** A button that looks like a link: rows are chosen with the keyboard too. */
export const linkButton = (text, label, onChoose) => el('button', {
  type: 'button', class: 'link', text, 'aria-label': label,
  onclick: (event) => { event.stopPropagation(); onChoose(); },
});

/**
 * Brings tbody's rows in line with items, keyed by data-id: rows already there are updated in place, not made anew,
 * so the element with keyboard focus (a checkbox, a button) keeps it, and so does what the user ticked. A focused
 * element moved by a reordering gets its focus back.
 */
export function syncRows(tbody, items, key, create, update) {
  const focused = document.activeElement;
  // a table's body, or any list of elements (a gallery's items)
  const existing = new Map([...(tbody.rows || tbody.children)].map((row) => [row.dataset.id, row]));
  let previous = null;
  for (const item of items) {
    const id = key(item);
    let row = existing.get(id);
    if (row) existing.delete(id);
    else {
      row = create(item);
      row.dataset.id = id;
    }
    update(row, item);
    const wanted = previous ? previous.nextElementSibling : tbody.firstElementChild;
    if (row !== wanted) tbody.insertBefore(row, wanted);
    previous = row;
  }
  existing.forEach((row) => row.remove());
  if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
}

/** A diagnosis's findings, each with its severity written out. */
export function renderFindings(list, findings) {
  list.replaceChildren(...(findings || []).map((finding) => el('li', {
    class: (finding.severity || 'info').toLowerCase(),
    text: [finding.summary, finding.advice].filter(Boolean).map((t) => t.replace(/[.\s]*$/, '.')).join(' '),
  })));
}

// ---- States: an icon and a word for each, never colour alone -----------------------------------------------------
const SVG = 'http://www.w3.org/2000/svg';
const ICONS = {
  PLANNED: '<circle cx="8" cy="8" r="5" fill="none" stroke-width="1.5" stroke-dasharray="2 2"/>',
  QUEUED: '<circle cx="8" cy="8" r="5" stroke-width="1.5"/><path d="M8 5.5V8l1.8 1.2" stroke-width="1.4"/>',
  RUNNING: '<circle cx="8" cy="8" r="5" class="fill"/>',
  PAUSED: '<path d="M4.5 3.5h2.4v9H4.5zM9.1 3.5h2.4v9H9.1z" class="fill"/>',
  SUCCEEDED: '<path d="M3.5 8.5l3 3 6-7" fill="none" stroke-width="2"/>',
  FAILED: '<path d="M8 2.5l6 11H2z" stroke-width="1.5"/><path d="M8 6.5v3.2M8 11.2v.6" stroke-width="1.5"/>',
  CANCELLED: '<circle cx="8" cy="8" r="5" stroke-width="1.5"/><path d="M4.6 11.4l6.8-6.8" stroke-width="1.5"/>',
  STOPPED_EARLY: '<path d="M4 4l8 8M12 4l-8 8" stroke-width="2.2"/>',
  WARNING: '<path d="M8 2.5l6 11H2z" stroke-width="1.5"/><path d="M8 6.5v3.2M8 11.2v.6" stroke-width="1.5"/>',
  EMPTY: '<rect x="3" y="3" width="10" height="10" rx="1.5" fill="none" stroke-width="1.5" stroke-dasharray="2.2 2"/>',
  BEST: '<path d="M8 1.8l1.9 4 4.3.5-3.2 3 .9 4.3L8 11.4l-3.9 2.2.9-4.3-3.2-3 4.3-.5z" class="fill"/>',
  // a model's part in the rollout: the primary (a target), a canary (a path that forks), a shadow (its dashed double)
  PRIMARY: '<circle cx="8" cy="8" r="5.5" stroke-width="1.5"/><circle cx="8" cy="8" r="2.4" class="fill"/>',
  CANARY: '<path d="M1.8 8h4.4l5.6-4.6M6.2 8l5.6 4.6" stroke-width="1.6"/><circle cx="12.6" cy="3" r="1.6" class="fill"/>'
    + '<circle cx="12.6" cy="13" r="1.6" class="fill"/>',
  SHADOW: '<circle cx="6.3" cy="8" r="4.2" stroke-width="1.5"/>'
    + '<circle cx="9.7" cy="8" r="4.2" stroke-width="1.3" stroke-dasharray="1.8 1.5"/>',
  // a capture a person labelled otherwise than the model answered: a pencil
  CORRECTED: '<path d="M3 13l.8-3.2L10.6 3l2.4 2.4-6.8 6.8z" stroke-width="1.4"/><path d="M9.2 4.4l2.4 2.4" stroke-width="1.4"/>',
  // the sweep chart's markers, for its legend
  DOT: '<circle cx="8" cy="8" r="4.5" class="fill"/>',
  RING: '<circle cx="8" cy="8" r="4" fill="none" stroke-width="1.8"/>',
  TRIANGLE: '<path d="M8 3l5 9H3z" class="fill"/>',
};

/** A 16-unit icon drawn inline (no image request, nothing inline for the CSP to refuse). */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  svg.innerHTML = ICONS[name] || ICONS.QUEUED;
  return svg;
}

export const stateLabel = (state) => (state || '').replace('_', ' ');

/** A state as a badge: its icon and its name in words; the colour only repeats them. */
export const stateBadge = (state) => el('span',
  { class: `state state-${(state || '').toLowerCase()}`, 'data-state': state }, icon(state),
  el('span', { text: stateLabel(state) }));

export const FINAL_STATES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'STOPPED_EARLY']);

// ---- Numbers ------------------------------------------------------------------------------------------------------
export const percent = (value) => (value == null ? '' : (100 * value).toFixed(2) + '%');

export function number(value, digits = 4) {
  if (value == null) return '';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  const size = Math.abs(value);
  // 2.47e-4 and 5e-4, not 0.000247 nor 5.00e-4
  return size !== 0 && (size < 1e-3 || size >= 1e5) ? Number(value.toPrecision(3)).toExponential()
    : String(Number(value.toPrecision(digits)));
}

/** A hyperparameter's value in words: layers as 128-64, numbers short. */
export function value(v) {
  if (Array.isArray(v)) return v.length ? v.join('-') : 'none';
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return number(v);
}

/** Short names for the hyperparameters sweeps search most. */
const SHORT = { learningRate: 'lr', hiddenLayers: 'layers', batchSize: 'batch', weightDecay: 'wd' };
export const shortName = (name) => SHORT[name] || name;

export function ago(instant) {
  if (!instant) return '';
  const seconds = Math.max(0, (Date.now() - Date.parse(instant)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(instant).toLocaleDateString();
}

/** A refresh that sends one request at a time: asked for while one runs, it runs once more after it. */
export function oneAtATime(load) {
  let running = null;
  let again = false;
  const refresh = () => {
    if (running) {
      again = true;
      return running;
    }
    running = load().finally(() => {
      running = null;
      if (again) {
        again = false;
        refresh();
      }
    });
    return running;
  };
  return refresh;
}
