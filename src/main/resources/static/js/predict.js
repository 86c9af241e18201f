// A digit drawn on the pad (mouse or finger) or uploaded, answered with the ten probabilities.
import { api, status } from './api.js';
import { $, el, percent } from './dom.js';

const pad = $('#pad');
const ink = pad.getContext('2d');

function clearPad() {
  ink.fillStyle = '#000';
  ink.fillRect(0, 0, pad.width, pad.height);
  $('#answer').hidden = true;
}

function at(event) {
  const box = pad.getBoundingClientRect();
  return [(event.clientX - box.left) * pad.width / box.width, (event.clientY - box.top) * pad.height / box.height];
}

async function predict(blob, name) {
  const body = new FormData();
  body.append('image', blob, name);
  try {
    const answer = await api('/api/predictions', { method: 'POST', body });
    const prediction = answer.predictions[0];
    status('');
    $('#answer').hidden = false;
    $('#answer-digit').textContent = String(prediction.digit);
    $('#answer-confidence').textContent = percent(prediction.confidence);
    $('#answer-model').textContent = answer.modelId;
    $('#bars').replaceChildren(...prediction.probabilities.map((p, digit) => {
      const bar = el('span', { class: 'bar' });
      bar.style.width = `${(100 * p).toFixed(1)}%`;
      return el('li', { class: digit === prediction.digit ? 'best' : null },
        el('span', { text: String(digit) }), el('span', { class: 'track' }, bar),
        el('span', { class: 'value', text: percent(p) }));
    }));
  } catch (error) {
    $('#answer').hidden = true;
    status(error.message, true);
  }
}

export function setUpPredict() {
  let drawing = false;
  pad.addEventListener('pointerdown', (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    ink.beginPath();
    ink.moveTo(...at(event));
  });
  pad.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    ink.lineTo(...at(event));
    ink.strokeStyle = '#fff';
    ink.lineWidth = 22;
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
    if (file) predict(file, file.name);
    event.target.value = '';
  });
  clearPad();
}
