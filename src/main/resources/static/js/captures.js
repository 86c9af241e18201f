// Captured answers (GET /api/captures): each kept answer's input as a thumbnail (the 28x28 image the model got), its
// answer and confidence, its label (corrected, confirmed, or waiting), its model and when; filters, pages, a label to
// give or change, a capture to delete, and the page's captures as a zip. Refreshed with the page's other lists.
import { api, apiBlob, postJson, status } from './api.js';
import { $, el, icon, syncRows, ago, oneAtATime } from './dom.js';

const SIZE = 12;

let page = 0;

/** Images fetched with the token (reads may be protected), kept as object URLs while their capture is listed. */
const thumbnails = new Map();

export function setUpCaptures() {
  const filters = $('#capture-filters');
  filters.addEventListener('change', () => {
    page = 0;
    refreshCaptures();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());
  $('#captures-previous').addEventListener('click', () => {
    page = Math.max(0, page - 1);
    refreshCaptures();
  });
  $('#captures-next').addEventListener('click', () => {
    page++;
    refreshCaptures();
  });
  $('#captures-zip').addEventListener('click', (event) => {
    event.preventDefault();
    downloadZip();
  });
  showZipLink();
}

/** The filters as the API's query: only those chosen. */
function query(extra) {
  const f = $('#capture-filters').elements;
  const params = new URLSearchParams();
  if (f.lowConfidence.value) params.set('lowConfidence', f.lowConfidence.value);
  if (f.labelled.value) params.set('labelled', f.labelled.value);
  Object.entries(extra || {}).forEach(([name, value]) => params.set(name, value));
  return params.toString();
}

/** The zip of this page's captures, as the filters choose them. */
const zipPath = () => `/api/captures?${query({ page, size: SIZE, format: 'zip' })}`;

function showZipLink() {
  $('#captures-zip').setAttribute('href', zipPath());
}

async function downloadZip() {
  try {
    const url = URL.createObjectURL(await apiBlob(zipPath(), 'application/zip'));
    const link = el('a', { href: url, download: 'captures.zip', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    $('#captures-error').textContent = `Cannot download the zip: ${error.problem && error.problem.detail || error.message}`;
  }
}

/** One request at a time; a refresh asked for meanwhile runs once after it. */
export const refreshCaptures = oneAtATime(load);

async function load() {
  showZipLink();
  let captures;
  try {
    captures = await api(`/api/captures?${query({ page, size: SIZE })}`);
  } catch (error) {
    $('#captures-error').textContent = `Cannot list the captures: ${error.problem && error.problem.detail
      || error.message}`;
    return;
  }
  $('#captures-error').textContent = '';
  if (captures.length === 0 && page > 0) {
    // the last page emptied (deleted, aged out): the one before it
    page--;
    await load();
    return;
  }
  render(captures);
}

function render(captures) {
  const card = $('#captures');
  card.dataset.page = String(page);
  card.dataset.count = String(captures.length);
  const filtered = Boolean($('#capture-filters').elements.lowConfidence.value
    || $('#capture-filters').elements.labelled.value);
  const empty = $('#captures-empty');
  empty.hidden = captures.length > 0;
  empty.textContent = filtered ? 'No capture matches these filters.'
    : 'Nothing captured yet. The service keeps the share of answers set by digits.capture.sampling-rate (0, none, by '
      + 'default); each kept answer shows here with the input the model got, to be labelled.';
  syncRows($('#capture-list'), captures, (capture) => capture.id, createItem, updateItem);
  for (const [id, url] of thumbnails) {
    if (!captures.some((capture) => capture.id === id)) {
      URL.revokeObjectURL(url);
      thumbnails.delete(id);
    }
  }
  $('#captures-previous').disabled = page === 0;
  // a full page may have more after it; a short one is the last
  $('#captures-next').disabled = captures.length < SIZE;
  $('#captures-page').textContent = captures.length ? `Page ${page + 1}: captures ${page * SIZE + 1} to `
    + `${page * SIZE + captures.length}, newest first` : '';
}

function createItem(capture) {
  const image = el('img', { class: 'thumb', width: 56, height: 56, alt: '' });
  loadThumbnail(capture, image);
  const labelSelect = el('select', { class: 'label-select', 'aria-label': `Label of ${capture.id}: the digit it shows`,
    onchange: (event) => label(capture.id, event.target) },
  el('option', { value: '', text: 'label…' }),
  ...Array.from({ length: 10 }, (_, digit) => el('option', { value: String(digit), text: `it's a ${digit}` })));
  return el('li', { class: 'capture' },
    image,
    el('div', { class: 'capture-body' },
      el('p', { class: 'capture-answer' }),
      el('p', { class: 'capture-label' }),
      el('p', { class: 'capture-meta' })),
    el('div', { class: 'capture-actions' }, labelSelect,
      el('button', { type: 'button', class: 'ghost delete', text: 'Delete', 'aria-label': `Delete ${capture.id}`,
        onclick: () => remove(capture.id) })));
}

function updateItem(item, capture) {
  const labelled = capture.label != null;
  const corrected = labelled && capture.label !== capture.digit;
  const kind = !labelled ? 'waiting' : corrected ? 'corrected' : 'confirmed';
  item.dataset.kind = kind;
  item.dataset.label = labelled ? String(capture.label) : '';
  item.dataset.flags = (capture.flags || []).join(' ');
  item.classList.toggle('low', (capture.flags || []).includes('low-confidence'));
  const image = item.querySelector('img');
  image.alt = `Input of ${capture.id}: answered ${capture.digit}${labelled ? `, labelled ${capture.label}` : ''}`;
  const low = (capture.flags || []).includes('low-confidence');
  item.querySelector('.capture-answer').replaceChildren(el('span', { class: 'answered', text: String(capture.digit) }),
    ` answered, ${Math.round(100 * capture.confidence)}% sure`,
    ...(low ? [el('span', { class: 'low-tag' }, icon('WARNING'), el('span', { text: 'low confidence' }))] : []));
  const words = { waiting: 'waiting for a label', corrected: `corrected: it's a ${capture.label}`,
    confirmed: `confirmed: it's a ${capture.label}` }[kind];
  item.querySelector('.capture-label').replaceChildren(el('span', { class: `label-tag label-${kind}` },
    icon(kind === 'waiting' ? 'EMPTY' : kind === 'corrected' ? 'CORRECTED' : 'SUCCEEDED'), el('span', { text: words })));
  item.querySelector('.capture-meta').replaceChildren(el('span', { class: 'mono', text: capture.modelId }),
    el('time', { datetime: capture.capturedAt, title: new Date(capture.capturedAt).toLocaleString(),
      text: ` · ${ago(capture.capturedAt)}` }));
  const select = item.querySelector('select');
  if (document.activeElement !== select) select.value = labelled ? String(capture.label) : '';
}

async function loadThumbnail(capture, image) {
  try {
    let url = thumbnails.get(capture.id);
    if (!url) {
      url = URL.createObjectURL(await apiBlob(capture.image));
      thumbnails.set(capture.id, url);
    }
    image.src = url;
  } catch (error) {
    image.alt = `No image: ${error.message}`;
  }
}

async function label(id, select) {
  if (select.value === '') return;
  $('#captures-error').textContent = '';
  try {
    const capture = await postJson(`/api/captures/${encodeURIComponent(id)}/label`, { digit: Number(select.value) });
    status(`${id} is labelled ${capture.label}`);
    await refreshCaptures();
  } catch (error) {
    $('#captures-error').textContent = `Cannot label ${id}: ${error.problem && error.problem.detail || error.message}`;
  }
}

async function remove(id) {
  $('#captures-error').textContent = '';
  try {
    await api(`/api/captures/${encodeURIComponent(id)}`, { method: 'DELETE' });
    status(`${id} is deleted`);
    // the focus goes to the list's next item's delete button, or the list's first, rather than the page's top
    const item = $('#capture-list').querySelector(`li[data-id="${CSS.escape(id)}"]`);
    const next = item && (item.nextElementSibling || item.previousElementSibling);
    await refreshCaptures();
    if (next && next.isConnected) next.querySelector('button.delete').focus({ preventScroll: true });
  } catch (error) {
    $('#captures-error').textContent = `Cannot delete ${id}: ${error.problem && error.problem.detail || error.message}`;
  }
}
