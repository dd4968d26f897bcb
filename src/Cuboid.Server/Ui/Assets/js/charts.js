// Charts drawn as inline SVG at the width of their box (redrawn when it changes), coloured by the stylesheet so
// they follow the light and dark schemes. Every mark has a <title> (a tooltip, and what a screen reader reads).
import { s, clear, money } from './dom.js';

/** Draws `draw(width)` into `box` now and whenever the box changes width; returns a function that stops it. */
function responsive(box, draw) {
  let last = -1;
  const render = () => {
    const width = Math.floor(box.clientWidth);
    if (width <= 0 || width === last) return;
    last = width;
    clear(box).append(draw(width));
  };
  const observer = new ResizeObserver(render);
  observer.observe(box);
  render();
  return () => observer.disconnect();
}

/** 0, and three or four round steps up to at least `max`. */
function ticks(max) {
  if (max <= 0) return [0, 0.01];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= raw);
  const top = Math.ceil(max / step) * step;
  const list = [];
  for (let v = 0; v <= top + step / 2; v += step) list.push(Number(v.toPrecision(6)));
  return list;
}

/** A column per bucket (spend per day): y axis in dollars, x labels thinned to fit. */
export function columns(box, buckets, describe) {
  return responsive(box, (width) => {
    const height = 240, left = 56, right = 8, top = 10, bottom = 26;
    const plotW = width - left - right, plotH = height - top - bottom;
    const max = Math.max(0, ...buckets.map((b) => b.dollars));
    const grid = ticks(max), top$ = grid[grid.length - 1];
    const y = (v) => top + plotH - (v / top$) * plotH;
    const slot = plotW / Math.max(1, buckets.length);
    const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': describe });
    for (const v of grid) {
      svg.append(s('line', { class: 'grid', x1: left, x2: width - right, y1: y(v), y2: y(v) }));
      svg.append(s('text', { class: 'axis', x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, money(v)));
    }
    const every = Math.max(1, Math.ceil(buckets.length / Math.max(1, Math.floor(plotW / 56))));
    buckets.forEach((b, i) => {
      const x = left + i * slot;
      const barW = Math.max(2, Math.min(28, slot * 0.7));
      const h = b.dollars > 0 ? Math.max(2, (b.dollars / top$) * plotH) : 0;
      if (h > 0) {
        svg.append(s('rect', { class: 'bar', x: x + (slot - barW) / 2, y: top + plotH - h, width: barW, height: h, rx: 2, tabindex: 0 },
          s('title', {}, `${b.label}: ${money(b.dollars)} · ${b.calls} charge${b.calls === 1 ? '' : 's'}`)));
      }
      if ((buckets.length - 1 - i) % every === 0) {
        svg.append(s('text', { class: 'axis', x: x + slot / 2, y: height - 8, 'text-anchor': 'middle' }, b.label));
      }
    });
    return svg;
  });
}

/** A horizontal bar per bucket (spend per model or key), dearest first, the value at the end of each bar. */
export function bars(box, buckets, describe) {
  return responsive(box, (width) => {
    const row = 34, labelW = Math.min(240, Math.max(110, width * 0.34)), valueW = 74;
    const plotW = Math.max(40, width - labelW - valueW - 12);
    const height = buckets.length * row + 4;
    const max = Math.max(...buckets.map((b) => b.dollars), 0) || 1;
    const svg = s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': describe });
    const chars = Math.floor(labelW / 7.2);
    buckets.forEach((b, i) => {
      const y = i * row + 4;
      const name = b.label.length > chars ? b.label.slice(0, chars - 1) + '…' : b.label;
      svg.append(s('text', { class: 'name', x: 0, y: y + 18 }, s('title', {}, b.label), name));
      svg.append(s('rect', { class: 'track', x: labelW, y: y + 6, width: plotW, height: 16, rx: 3 }));
      svg.append(s('rect', { class: 'bar', x: labelW, y: y + 6, width: Math.max(2, (b.dollars / max) * plotW), height: 16, rx: 3, tabindex: 0 },
        s('title', {}, `${b.label}: ${money(b.dollars)} · ${b.calls} charge${b.calls === 1 ? '' : 's'}`)));
      svg.append(s('text', { class: 'val', x: width, y: y + 18, 'text-anchor': 'end' }, money(b.dollars)));
    });
    return svg;
  });
}
