// A digit drawn on the pad (mouse or finger) or uploaded, answered with its flags, its heat map and the ten
// probabilities (js/answer.js); each answer refreshes the drift panel (js/drift.js), and the captures when it was kept.
import { api, status } from './api.js';
import { $ } from './dom.js';
import { showAnswer, showNothingDrawn, hideAnswer } from './answer.js';
import { followModel, refreshDrift } from './drift.js';
import { refreshCaptures } from './captures.js';

const pad = $('#pad');
const ink = pad.getContext('2d');
const EXPLAINED = '/api/predictions?explain=integrated-gradients';
const PEN = 22;

// answers can come back out of order (a stroke, then another): only the last request's is shown
let asked = 0;

function blankPad() {
  ink.fillStyle = '#000';
  ink.fillRect(0, 0, pad.width, pad.height);
}

function clearPad() {
  blankPad();
  asked++;
  hideAnswer();
}

function at(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

/** The answer, with its explanation; a model that cannot be explained answers without it, and says why. */
async function ask(blob, name) {
  const form = () => {
    const body = new FormData();
    body.append('image', blob, name);
    return body;
  };
  try {
    return { answer: await api(EXPLAINED, { method: 'POST', body: form() }) };
  } catch (error) {
    if (!error.problem || error.problem.field !== 'explain') throw error;
    const answer = await api('/api/predictions', { method: 'POST', body: form() });
    return { answer, note: `No heat map: ${error.problem.detail || error.message}` };
  }
}

async function predict(blob, name) {
  const request = ++asked;
  try {
    const { answer, note } = await ask(blob, name);
    if (request !== asked) return;
    status('');
    showAnswer(answer.modelId, answer.predictions[0], note, answer.role);
    // the drift panel follows the active model: a canary's answer does not take it away
    if (answer.role !== 'canary') followModel(answer.modelId);
    refreshDrift();
    // a kept answer is the captures' newest
    if (answer.predictions[0].predictionId) refreshCaptures();
  } catch (error) {
    if (request !== asked) return;
    const problem = error.problem || {};
    if (problem.field === 'image' && /no ink/.test(problem.detail || '')) {
      status('');
      showNothingDrawn(problem.detail);
    } else {
      hideAnswer();
      status(error.message, true);
    }
  }
}

export function setUpPredict() {
  let drawing = false;
  pad.addEventListener('pointerdown', (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    const [x, y] = at(event);
    // a tap leaves a dot, as a pen would
    ink.fillStyle = '#fff';
    ink.beginPath();
    ink.arc(x, y, PEN / 2, 0, 2 * Math.PI);
    ink.fill();
    ink.beginPath();
    ink.moveTo(x, y);
  });
  pad.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    ink.lineTo(...at(event));
    ink.strokeStyle = '#fff';
    ink.lineWidth = PEN;
    ink.lineCap = 'round';
    ink.lineJoin = 'round';
    ink.stroke();
  });
  const finish = () => {
    if (!drawing) return;
    drawing = false;
    pad.toBlob((blob) => predict(blob, 'drawing.png'), 'image/png');
  };
  pad.addEventListener('pointerup', finish);
  pad.addEventListener('pointercancel', finish);
  $('#clear').addEventListener('click', clearPad);
  $('#upload').addEventListener('change', (event) => {
    const file = event.target.files[0];
    if (file) {
      // the heat map beside the pad is the upload's: no drawing of another digit beside it
      blankPad();
      predict(file, file.name);
    }
    event.target.value = '';
  });
  clearPad();
}
