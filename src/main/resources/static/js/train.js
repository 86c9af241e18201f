// The form that starts a job, with the presets to start from.
import { api, postJson, report, status } from './api.js';
import { $, el, renderFindings } from './dom.js';
import { watch } from './jobs.js';

const form = $('#train-form');
let presets = [];

export async function loadPresets() {
  presets = await api('/api/presets');
  const select = form.elements.preset;
  select.replaceChildren(select.options[0],
    ...presets.map((preset) => el('option', { value: preset.name, text: preset.name, title: preset.description })));
}

export function setUpTrain() {
  form.elements.preset.addEventListener('change', () => {
    const preset = presets.find((p) => p.name === form.elements.preset.value);
    if (!preset) return;
    const s = preset.settings || {};
    if (s.hiddenLayers) form.elements.hiddenLayers.value = s.hiddenLayers.join(', ');
    for (const name of ['optimizer', 'learningRate', 'batchSize', 'epochs', 'dataset']) {
      if (s[name] != null) form.elements[name].value = s[name];
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const request = { activate: f.activate.checked };
    if (f.preset.value) request.preset = f.preset.value;
    request.dataset = f.dataset.value;
    request.optimizer = f.optimizer.value;
    request.hiddenLayers = f.hiddenLayers.value.split(/[\s,]+/).filter(Boolean).map(Number);
    for (const name of ['learningRate', 'batchSize', 'epochs', 'trainLimit']) {
      if (f[name].value !== '') request[name] = Number(f[name].value);
    }
    try {
      const job = await postJson('/api/jobs', request);
      renderFindings($('#train-warnings'), job.setupFindings);
      status(`Job ${job.id} queued`);
      watch(job.id);
    } catch (error) {
      report(error);
    }
  });
}
