// "Wrong? It's a _" under the canvas answer: ten digit buttons that label the answer's capture (its predictionId),
// shown only when the service kept the answer (digits.capture.sampling-rate); otherwise a line that says how to.
import { postJson } from './api.js';
import { $, el } from './dom.js';
import { refreshCaptures } from './captures.js';

let predictionId = null;
let answered = null;

function buttons() {
  return Array.from({ length: 10 }, (_, digit) => el('button', {
    type: 'button', class: digit === answered ? 'digit answered' : 'digit', text: String(digit), 'data-digit': String(digit), 'aria-pressed': 'false',
    'aria-label': digit === answered ? `It is a ${digit}: the answer is right` : `It's a ${digit}`,
    onclick: () => send(digit),
  }));
}

/** The answer just shown: its digit, and its capture's id when it was kept. */
export function showCorrect(prediction) {
  predictionId = prediction.predictionId || null;
  answered = prediction.digit;
  const box = $('#correct');
  box.hidden = false;
  box.dataset.prediction = predictionId || '';
  $('#correct-form').hidden = !predictionId;
  $('#correct-off').hidden = Boolean(predictionId);
  $('#correct-result').textContent = '';
  $('#correct-error').textContent = '';
  if (predictionId) $('#correct-digits').replaceChildren(...buttons());
}

export function hideCorrect() {
  predictionId = null;
  $('#correct').hidden = true;
  $('#correct').dataset.prediction = '';
}

async function send(digit) {
  const id = predictionId;
  if (!id) return;
  $('#correct-error').textContent = '';
  try {
    const capture = await postJson(`/api/captures/${encodeURIComponent(id)}/label`, { digit });
    if (id !== predictionId) return;
    for (const button of $('#correct-digits').children) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.digit) === capture.label));
    }
    $('#correct-result').textContent = capture.label === capture.digit
      ? `Thanks: kept as a ${capture.label}, the answer confirmed (${id}).`
      : `Thanks: kept as a ${capture.label}, corrected from ${capture.digit} (${id}); it is in the captures below.`;
    refreshCaptures();
  } catch (error) {
    if (id !== predictionId) return;
    const problem = error.problem || {};
    $('#correct-error').textContent = `Not labelled: ${problem.detail || problem.title || error.message}`;
  }
}
