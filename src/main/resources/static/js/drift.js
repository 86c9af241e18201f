// The active model's last answers against its test set (GET /api/predictions/drift): the input drift score and its
// reading, the answers counted, the mean confidence, and each digit's share beside the test set's. Refreshed after
// each answer and with the page's other lists.
import { api } from './api.js';
import { $, el, cell, icon, number, percent, oneAtATime } from './dom.js';

/** The usual reading of a population stability index: below 0.1 no shift, above 0.25 a large one. */
const SOME = 0.1;
const LARGE = 0.25;

/** Below this many answers the score is mostly chance: about (5 bins - 1) / answers of it is noise. */
const FEW = 100;

let modelId = null;

/** The model the panel follows: the active one (from the models list, or the model that just answered). */
export function followModel(id) {
  modelId = id || null;
}

export function reading(score) {
  if (score == null) return { level: 'none', words: 'not measured yet', icon: 'EMPTY' };
  if (score < SOME) return { level: 'ok', words: 'no shift', icon: 'SUCCEEDED', why: `below ${SOME}` };
  if (score <= LARGE) return { level: 'some', words: 'some shift', icon: 'WARNING', why: `${SOME} to ${LARGE}` };
  return { level: 'large', words: 'large shift', icon: 'WARNING', why: `above ${LARGE}` };
}

/** One request at a time; a refresh asked for meanwhile runs once after it. */
export const refreshDrift = oneAtATime(load);

async function load() {
  const id = modelId;
  $('#drift-none').hidden = Boolean(id);
  $('#drift-body').hidden = !id;
  $('#drift-model').textContent = id || '';
  if (!id) return;
  try {
    render(await api(`/api/predictions/drift?model=${encodeURIComponent(id)}`));
    $('#drift-error').textContent = '';
  } catch (error) {
    $('#drift-error').textContent = `Cannot read the drift: ${error.message}`;
  }
}

const share = (value) => (value == null ? '' : `${(100 * value).toFixed(1)}%`);
const below60 = (shares) => (shares ? shares.slice(0, 6).reduce((sum, s) => sum + s, 0) : null);

function render(drift) {
  const panel = $('#drift');
  const read = reading(drift.inputDriftScore);
  panel.dataset.count = String(drift.count);
  panel.dataset.reading = read.level;
  $('#drift-score').replaceChildren(el('span', { class: 'score', text: number(drift.inputDriftScore, 3) }),
    el('span', { class: `reading reading-${read.level}`, title: read.why ? `PSI ${read.why}` : null },
      icon(read.icon), el('span', { text: read.why ? `${read.words} (${read.why})` : read.words })));
  $('#drift-count').textContent = `${drift.count} / ${drift.window}`;
  $('#drift-confidence').textContent = drift.meanConfidence == null ? 'none yet' : percent(drift.meanConfidence);
  const unsure = below60(drift.confidenceShares);
  const reference = below60(drift.referenceConfidenceShares);
  $('#drift-unsure').textContent = drift.count === 0 ? 'none yet'
    : share(unsure) + (reference == null ? '' : ` (test set ${share(reference)})`);
  $('#drift-note').textContent = drift.count === 0
    ? 'No answer from this model since the service started: draw a digit to begin.'
    : drift.count < FEW ? `Only ${drift.count} answers so far: with fewer than ${FEW} the score is noisy.` : '';
  renderShares(drift.classShares, drift.referenceClassShares, drift.count);
}

/** Ten rows: the live share as a bar, the test set's as a line across it, both written out. */
function renderShares(live, reference, count) {
  const largest = Math.max(0.01, ...live, ...(reference || []));
  $('#drift-classes tbody').replaceChildren(...live.map((value, digit) => {
    const bar = el('span', { class: 'bar' });
    bar.style.width = `${(100 * value / largest).toFixed(1)}%`;
    const track = el('span', { class: 'track' }, bar);
    if (reference) {
      const line = el('span', { class: 'reference' });
      line.style.left = `${(100 * reference[digit] / largest).toFixed(1)}%`;
      track.append(line);
    }
    return el('tr', { 'data-digit': String(digit) }, cell(String(digit)), el('td', { class: 'share-col' }, track),
      cell(count === 0 ? '' : share(value), 'num'), cell(reference ? share(reference[digit]) : 'unknown', 'num'));
  }));
}
