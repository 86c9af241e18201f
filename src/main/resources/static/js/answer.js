// One answer on the page: the digit, the model (and when the canary answered), what to be wary of in words (the
// service's flags), "Wrong? It's a _" when the answer was kept (js/correct.js), the heat map of the pixels that made
// it (integrated gradients over the 28x28 image the model saw), and the ten probabilities.
import { $, el, icon, percent } from './dom.js';
import { roleBadge } from './roles.js';
import { showCorrect, hideCorrect } from './correct.js';

const wholePercent = (value) => `${Math.round(100 * value)}%`;

/** The digits from likeliest to least likely. */
const ranked = (probabilities) => probabilities.map((_, digit) => digit)
  .sort((a, b) => probabilities[b] - probabilities[a]);

/** A flag in words a person understands; a flag this page does not know, as the service names it. */
export function flagWords(flag, prediction) {
  const runnerUp = ranked(prediction.probabilities)[1];
  switch (flag) {
    case 'blank': return 'Nothing drawn';
    case 'off-distribution': return "This doesn't look like a digit the model has seen";
    case 'low-confidence': return `The model isn't sure (confidence ${wholePercent(prediction.confidence)})`;
    case 'ambiguous': return `It could also be a ${runnerUp} (${wholePercent(prediction.probabilities[runnerUp])})`;
    default: return flag;
  }
}

const flagItem = (flag, words) => el('li', { class: `flag flag-${flag}`, 'data-flag': flag },
  icon(flag === 'none' ? 'SUCCEEDED' : flag === 'blank' ? 'EMPTY' : 'WARNING'), el('span', { text: words }));

function showFlags(flags, words) {
  const list = $('#answer-flags');
  list.dataset.flags = flags.join(' ');
  list.replaceChildren(...(flags.length ? flags.map((flag, i) => flagItem(flag, words[i]))
    : [flagItem('none', 'No warning: it looks like the digits the model has seen, and the answer is clear')]));
}

/** The heat map beside the pad, with its one-line legend; or, without one, why not. */
function showHeatMap(explanation, digit, why) {
  const image = $('#heatmap-image');
  const legend = $('#heatmap-legend');
  if (explanation && explanation.overlay) {
    image.src = explanation.overlay;
    image.alt = `Heat map of the drawing as the model saw it (28 by 28 pixels): orange where pixels made it say ${digit},`
      + ' blue where they argued against';
    image.title = 'Your drawing as the model saw it: cropped, scaled to 20x20 and centred in 28x28';
    image.hidden = false;
    $('#heatmap-empty').hidden = true;
    legend.replaceChildren(el('span', { class: 'key key-credit', 'aria-hidden': 'true' }),
      `orange: pixels that made it say ${digit}; `, el('span', { class: 'key key-debit', 'aria-hidden': 'true' }),
      'blue: pixels against');
  } else {
    image.hidden = true;
    image.removeAttribute('src');
    $('#heatmap-empty').hidden = false;
    $('#heatmap-empty').textContent = why;
    legend.replaceChildren();
  }
}

/** An answer: its prediction (flags and explanation included), the model that gave it, and its role in the rollout. */
export function showAnswer(modelId, prediction, note, role) {
  const likeliest = ranked(prediction.probabilities)[0];
  $('#answer').hidden = false;
  $('#answer-line').hidden = false;
  $('#bars').hidden = false;
  $('#answer-digit').textContent = prediction.digit == null ? 'No answer' : String(prediction.digit);
  $('#answer-confidence').textContent = percent(prediction.confidence);
  $('#answer-model').textContent = modelId;
  // a canary answers a share of the requests on trial: the answer says so; the primary's answers need no word
  const byCanary = role === 'canary';
  $('#answer-role').hidden = !byCanary;
  $('#answer-role').replaceChildren(...(byCanary ? [roleBadge('canary'),
    el('span', { text: ' The canary answered: a model on trial, given a share of the requests' })] : []));
  $('#answer').dataset.role = role || '';
  const flags = prediction.flags || [];
  showFlags(flags, flags.map((flag) => flagWords(flag, prediction)));
  $('#answer-note').textContent = note || '';
  showHeatMap(prediction.explanation, likeliest, note || 'No heat map with this answer.');
  if (prediction.digit == null) hideCorrect();
  else showCorrect(prediction);
  $('#bars').replaceChildren(...prediction.probabilities.map((p, digit) => {
    const bar = el('span', { class: 'bar' });
    bar.style.width = `${(100 * p).toFixed(1)}%`;
    return el('li', { class: digit === likeliest ? 'best' : null },
      el('span', { text: String(digit) }), el('span', { class: 'track' }, bar),
      el('span', { class: 'value', text: percent(p) }));
  }));
}

/** An image the service found no ink in: said as a flag is, with the service's reason. */
export function showNothingDrawn(detail) {
  $('#answer').hidden = false;
  $('#answer-line').hidden = true;
  $('#bars').hidden = true;
  showFlags(['blank'], ['Nothing drawn']);
  $('#answer-note').textContent = detail || '';
  $('#answer-role').hidden = true;
  hideCorrect();
  showHeatMap(null, null, 'Nothing drawn: no heat map.');
}

export function hideAnswer() {
  $('#answer').hidden = true;
  hideCorrect();
  showHeatMap(null, null, 'Draw a digit: the pixels that made the answer show here.');
}
