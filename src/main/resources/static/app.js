// The Digits page: a thin client of the service's own API (the same calls the README shows with curl). Plain
// modules, one a view, no build step: js/api.js (token, calls, event streams), js/dom.js, js/charts.js (uPlot),
// js/train.js, js/jobs.js, js/compare.js, js/sweeps.js and js/trials.js, js/models.js with js/rollout.js (its report
// in js/rollout-report.js, the role badges in js/roles.js), js/drift.js, js/predict.js with js/answer.js and
// js/correct.js, js/captures.js.
import { setUpToken, report } from './js/api.js';
import { setUpTrain, loadPresets } from './js/train.js';
import { setUpJobs, refreshJobs } from './js/jobs.js';
import { setUpCompare } from './js/compare.js';
import { setUpSweeps, refreshSweeps } from './js/sweeps.js';
import { refreshModels } from './js/models.js';
import { setUpRollout } from './js/rollout.js';
import { refreshDrift } from './js/drift.js';
import { setUpPredict } from './js/predict.js';
import { setUpCaptures, refreshCaptures } from './js/captures.js';

function load() {
  Promise.all([loadPresets(), refreshJobs(), refreshSweeps(), refreshModels().then(refreshDrift), refreshCaptures()])
    .catch(report);
}

setUpToken(load);
setUpTrain();
setUpJobs();
setUpCompare();
setUpSweeps();
setUpPredict();
setUpRollout(() => refreshModels().then(refreshDrift));
setUpCaptures();
load();

// the jobs, sweeps, models (with the rollout and its report), the active model's drift and the captures are refreshed
// while the page is in view, never two requests at once; the rows are updated in place, so keyboard focus and ticked
// boxes stay where they are
let refreshing = false;
setInterval(() => {
  if (document.hidden || refreshing) return;
  refreshing = true;
  Promise.all([refreshJobs(), refreshSweeps(), refreshModels().then(refreshDrift), refreshCaptures()]).catch(report)
    .finally(() => { refreshing = false; });
}, 5000);
