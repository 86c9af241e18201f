// The page's charts, all uPlot (loaded as a plain script from the webjar), all following their box's width.
/* global uPlot */
import { percent } from './dom.js';

// Okabe and Ito's palette: told apart with the commonest colour blindnesses; never the only cue here anyway
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7a5195', '#555555'];
const INK = '#1f2328';
const MUTED = '#6b7280';
const GRID = { stroke: '#eceef1', width: 1 };
const TICKS = { stroke: '#d0d4da', width: 1, size: 4 };
const FONT = '12px system-ui, sans-serif';
const LABEL_FONT = '600 12px system-ui, sans-serif';

const axis = (extra) => Object.assign(
  { stroke: MUTED, grid: GRID, ticks: TICKS, font: FONT, labelFont: LABEL_FONT }, extra);

/**
 * A uPlot chart in element, as wide as element is and following its width with a ResizeObserver (the window, the
 * layout's columns). destroy() lets go of both.
 */
function responsiveChart(element, options, data) {
  element.replaceChildren();
  const width = () => Math.max(200, Math.floor(element.clientWidth));
  const plot = new uPlot(Object.assign({ width: width() }, options), data, element);
  const observer = new ResizeObserver(() => {
    const now = width();
    if (now !== plot.width) plot.setSize({ width: now, height: plot.height });
  });
  observer.observe(element);
  return { plot, destroy() { observer.disconnect(); plot.destroy(); } };
}

// ---- A job's loss per iteration, with each epoch's test accuracy --------------------------------------------------
let lossChart = null;

export function newLossChart(element) {
  if (lossChart) lossChart.destroy();
  element.dataset.points = '0';
  element.dataset.epochs = '0';
  const data = [[], [], []];
  const { plot, destroy } = responsiveChart(element, {
    height: 240,
    scales: { x: { time: false }, accuracy: { range: [0, 1] } },
    series: [
      { label: 'iteration' },
      { label: 'loss', stroke: PALETTE[0], width: 1.5, scale: 'loss', spanGaps: true, points: { show: false } },
      { label: 'test accuracy', stroke: PALETTE[1], width: 2, dash: [6, 4], scale: 'accuracy', spanGaps: true,
        points: { show: true, size: 7 }, value: (u, v) => percent(v) },
    ],
    axes: [axis({ label: 'iteration' }), axis({ label: 'loss', scale: 'loss' }),
      axis({ label: 'test accuracy', scale: 'accuracy', side: 1, size: 60, grid: { show: false },
        values: (u, vs) => vs.map((v) => Math.round(100 * v) + '%') })],
  }, data);
  let pending = false;
  lossChart = {
    destroy,
    add(x, loss, accuracy) {
      const last = data[0].length - 1;
      if (loss == null && last >= 0 && data[0][last] === x) {
        // an epoch's accuracy at its last iteration joins that point: uPlot draws no two points at one x
        data[2][last] = accuracy;
      } else {
        data[0].push(x); data[1].push(loss); data[2].push(accuracy);
      }
      element.dataset.points = String(data[0].length);
      if (accuracy != null) element.dataset.epochs = String(Number(element.dataset.epochs) + 1);
      if (!pending) {
        pending = true;
        requestAnimationFrame(() => { pending = false; plot.setData(data); });
      }
    },
    lastX: () => (data[0].length ? data[0][data[0].length - 1] : 0),
  };
  return lossChart;
}

// ---- Jobs compared: loss and accuracy per epoch, overlaid ---------------------------------------------------------
export const METRICS = [
  { key: 'testLoss', label: 'test loss', scale: 'loss', dash: null, width: 2 },
  { key: 'trainLoss', label: 'train loss', scale: 'loss', dash: [2, 3], width: 1.5 },
  { key: 'testAccuracy', label: 'test accuracy', scale: 'accuracy', dash: [7, 4], width: 2 },
];

let compareChart = null;

/**
 * jobs: [{id, letter, colour}]; epochs: the compare answer's
 * [{epoch, jobs: {id: {trainLoss, testLoss, testAccuracy}}}].
 * Each job has its colour and its letter, written at the end of its curves: colour is never the only way to tell
 * them apart; each metric has its own line style. onCursor(index of the epoch under the pointer, or null) lets a
 * legend show that epoch's values; show(job's index, visible) hides or shows a job's curves.
 */
export function newCompareChart(element, jobs, epochs, onCursor) {
  if (compareChart) compareChart.destroy();
  const xs = epochs.map((e) => e.epoch);
  const data = [xs];
  const series = [{ label: 'epoch' }];
  const ends = [];
  for (const metric of METRICS) {
    for (const job of jobs) {
      data.push(epochs.map((e) => (e.jobs && e.jobs[job.id] ? e.jobs[job.id][metric.key] ?? null : null)));
      series.push({
        label: `${job.letter} ${metric.label}`, stroke: job.colour, width: metric.width, dash: metric.dash,
        scale: metric.scale, spanGaps: true, points: { show: true, size: 5, fill: job.colour },
      });
      if (metric.key !== 'trainLoss') ends.push({ series: series.length - 1, letter: job.letter, colour: job.colour });
    }
  }
  element.dataset.series = String(series.length - 1);
  element.dataset.jobs = String(jobs.length);
  element.dataset.epochs = String(xs.length);
  const chart = responsiveChart(element, {
    height: 300,
    legend: { show: false },
    // room after the last epoch for the curves' letters; accuracies of runs worth comparing lie close together:
    // their axis spans them, not 0 to 100%
    scales: { x: { time: false, range: (u, min, max) => [min, max + Math.max(0.3, (max - min) * 0.06)] },
      accuracy: { range: (u, min, max) => {
      if (min == null || max == null) return [0, 1];
      const pad = Math.max(0.005, (max - min) * 0.15);
      return [Math.max(0, min - pad), Math.min(1, max + pad)];
    } } },
    series,
    axes: [axis({ label: 'epoch', incrs: [1, 2, 5, 10, 20, 50, 100] }), axis({ label: 'loss', scale: 'loss' }),
      axis({ label: 'test accuracy', scale: 'accuracy', side: 1, size: 64, grid: { show: false },
        values: (u, vs) => vs.map((v) => (100 * v).toFixed(pointDigits(vs)) + '%') })],
    hooks: { draw: [(u) => labelEnds(u, ends)], setCursor: [(u) => onCursor(u.cursor.idx ?? null)] },
  }, data);
  compareChart = {
    destroy: chart.destroy,
    show(jobIndex, visible) {
      METRICS.forEach((metric, m) => chart.plot.setSeries(1 + m * jobs.length + jobIndex, { show: visible }));
    },
  };
  return compareChart;
}

/** Tenths of a point when the ticks are not whole points apart (87.5%, 90%, 92.5%). */
function pointDigits(ticks) {
  const step = ticks.length > 1 ? 100 * (ticks[1] - ticks[0]) : 1;
  return Math.abs(step - Math.round(step)) > 1e-6 ? 1 : 0;
}

/** Writes each curve's job letter just after its last point, moved apart where two would overlap. */
function labelEnds(u, ends) {
  const { ctx } = u;
  const r = devicePixelRatio;
  const labels = [];
  for (const end of ends) {
    if (!u.series[end.series].show) continue;
    const ys = u.data[end.series];
    let i = ys.length - 1;
    while (i >= 0 && ys[i] == null) i--;
    if (i < 0) continue;
    labels.push({ x: u.valToPos(u.data[0][i], 'x', true) + 6 * r, y: u.valToPos(ys[i], u.series[end.series].scale, true),
      letter: end.letter, colour: end.colour });
  }
  labels.sort((a, b) => a.x - b.x || a.y - b.y);
  const gap = 12 * r;
  for (let k = 1; k < labels.length; k++) {
    const before = labels[k - 1];
    if (Math.abs(labels[k].x - before.x) < gap && labels[k].y - before.y < gap) labels[k].y = before.y + gap;
  }
  ctx.save();
  ctx.font = `700 ${Math.round(11 * r)}px system-ui, sans-serif`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const label of labels) {
    ctx.fillStyle = label.colour;
    ctx.fillText(label.letter, label.x, label.y);
  }
  ctx.restore();
}

// ---- A sweep: each trial's objective against its learning rate ---------------------------------------------------
let sweepChart = null;

/** What a trial's marker says: the best, finished, stopped early, failed, or still going (running or waiting). */
export function trialKind(trial, best) {
  if (best && best.index === trial.index) return 'best';
  if (trial.state === 'SUCCEEDED') return 'done';
  if (trial.state === 'STOPPED_EARLY' || trial.state === 'CANCELLED') return 'stopped';
  if (trial.state === 'FAILED') return 'failed';
  return 'active';
}

/**
 * A chart of points [{x, y, kind, index}], sorted by x, given to update(). Each kind has its own shape (a dot, a
 * cross, a ring, a triangle, and a larger star with the word "best" for the best), and every point is numbered with
 * its trial.
 */
export function newSweepChart(element, { xLabel, yLabel, logX }) {
  if (sweepChart) sweepChart.destroy();
  let points = [];
  const decades = (min, max) => {
    if (!(min > 0) || !(max > 0)) return [1e-4, 1];
    const low = 10 ** Math.floor(Math.log10(min));
    const high = 10 ** Math.ceil(Math.log10(max));
    return low === high ? [low / 10, high * 10] : [low, high];
  };
  const chart = responsiveChart(element, {
    height: 280,
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: logX ? { time: false, distr: 3, range: (u, min, max) => decades(min, max) }
        : { time: false, range: (u, min, max) => [min - 1, max + 1] },
      y: { range: (u, min, max) => {
        if (min == null || max == null) return [0, 1];
        const pad = (max - min) * 0.12 || Math.abs(max) * 0.12 || 1;
        return [min - pad, max + pad];
      } },
    },
    series: [{ label: xLabel }, { label: yLabel, paths: () => null, points: { show: false } }],
    axes: [
      // on a log scale, only the powers of ten get a grid line and a label
      axis(logX ? { label: xLabel, values: (u, vs) => vs.map(powerOfTen), filter: decadesOnly,
        grid: Object.assign({ filter: decadesOnly }, GRID), ticks: Object.assign({ filter: decadesOnly }, TICKS) }
        : { label: xLabel }),
      axis({ label: yLabel, size: 56 }),
    ],
    hooks: { draw: [(u) => drawMarkers(u, points)] },
  }, [[], []]);
  sweepChart = {
    destroy: chart.destroy,
    update(next) {
      points = next;
      element.dataset.points = String(points.length);
      element.dataset.stopped = String(points.filter((p) => p.kind === 'stopped').length);
      chart.plot.setData([points.map((p) => p.x), points.map((p) => p.y)]);
    },
  };
  return sweepChart;
}

const decadesOnly = (u, vs) => vs.map((v) => (powerOfTen(v) ? v : null));

function powerOfTen(v) {
  if (v == null) return '';
  const exponent = Math.round(Math.log10(v));
  if (Math.abs(Math.log10(v) - exponent) > 1e-6) return '';
  return exponent >= -2 && exponent <= 2 ? String(10 ** exponent) : `1e${exponent}`;
}

const KIND_STYLE = {
  best: { colour: '#b45309', size: 9 },
  done: { colour: PALETTE[0], size: 5 },
  stopped: { colour: '#6b7280', size: 5 },
  failed: { colour: '#b42318', size: 6 },
  active: { colour: PALETTE[0], size: 5 },
};

function drawMarkers(u, points) {
  const { ctx } = u;
  const r = devicePixelRatio;
  ctx.save();
  ctx.lineWidth = 2 * r;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  // the best last, on top
  const ordered = [...points].sort((a, b) => (a.kind === 'best') - (b.kind === 'best'));
  for (const p of ordered) {
    const x = u.valToPos(p.x, 'x', true);
    const y = u.valToPos(p.y, 'y', true);
    const { colour, size } = KIND_STYLE[p.kind];
    const s = size * r;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.beginPath();
    if (p.kind === 'stopped') {
      ctx.moveTo(x - s, y - s); ctx.lineTo(x + s, y + s);
      ctx.moveTo(x + s, y - s); ctx.lineTo(x - s, y + s);
      ctx.stroke();
    } else if (p.kind === 'active') {
      ctx.arc(x, y, s, 0, 2 * Math.PI);
      ctx.stroke();
    } else if (p.kind === 'failed') {
      ctx.moveTo(x, y - s); ctx.lineTo(x + s, y + s * 0.8); ctx.lineTo(x - s, y + s * 0.8);
      ctx.closePath(); ctx.fill();
    } else if (p.kind === 'best') {
      star(ctx, x, y, s);
      ctx.fill();
    } else {
      ctx.arc(x, y, s, 0, 2 * Math.PI);
      ctx.fill();
    }
    const best = p.kind === 'best';
    ctx.fillStyle = best ? colour : INK;
    ctx.font = `${best ? 700 : 400} ${Math.round((best ? 11 : 10) * r)}px system-ui, sans-serif`;
    const label = best ? `#${p.index} best` : `#${p.index}`;
    const width = ctx.measureText(label).width;
    // to the right of the marker, unless that leaves the plot
    const right = x + s + 4 * r + width <= u.bbox.left + u.bbox.width;
    ctx.fillText(label, right ? x + s + 4 * r : x - s - 4 * r - width, y);
  }
  ctx.restore();
}

function star(ctx, x, y, outer) {
  const inner = outer * 0.45;
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const px = x + radius * Math.cos(angle);
    const py = y + radius * Math.sin(angle);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
}
