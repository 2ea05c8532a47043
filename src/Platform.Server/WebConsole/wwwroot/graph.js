// Draws the layout of `platform graph --format json` (Platform.Asl.Graph: GraphJsonWriter) as SVG in the browser, the
// way SvgWriter draws it for `--format svg`: the same positions, routes, shapes and colours (GraphStyle), plus what a
// console adds: state nodes are buttons, and an execution's statuses colour them (data-status, styled in console.css).

import { s } from './ui.js';

// GraphStyle.Fill and GraphStyle.Stroke, by the layout's lower-case kind.
const FILL = {
  start: '#374151', end: '#374151', pass: '#f3f4f6', task: '#dbeafe', choice: '#fef3c7', wait: '#ede9fe',
  succeed: '#dcfce7', fail: '#fee2e2', parallel: '#ecfeff', map: '#f0fdfa',
};
const STROKE = {
  start: '#374151', end: '#374151', pass: '#6b7280', task: '#2563eb', choice: '#d97706', wait: '#7c3aed',
  succeed: '#16a34a', fail: '#dc2626', parallel: '#0891b2', map: '#0d9488',
};
const EDGE_COLOR = '#4b5563';
const TEXT_COLOR = '#111827';
const MUTED_TEXT_COLOR = '#6b7280';
const CLUSTER_FILL = '#ffffff';
const CLUSTER_STROKE = '#9ca3af';
const LABEL_FONT_SIZE = 13; // LayeredLayout.LabelFontSize
const SMALL_FONT_SIZE = 11; // LayeredLayout.SmallFontSize

/** The state type as SvgWriter prints it (the GraphNodeKind name). */
export const KIND_NAME = {
  start: 'Start', end: 'End', pass: 'Pass', task: 'Task', choice: 'Choice', wait: 'Wait',
  succeed: 'Succeed', fail: 'Fail', parallel: 'Parallel', map: 'Map',
};

/** What each status is called, in titles, labels and the legend. */
export const STATUS_TEXT = {
  'not-reached': 'not reached',
  'in-progress': 'in progress',
  succeeded: 'succeeded',
  failed: 'failed',
  caught: 'caught error',
  aborted: 'aborted',
};

/** TextMetrics.Width: the approximate width of text at a font size, so captions get the same boxes as in SvgWriter. */
export function textWidth(text, fontSize) {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if ("iljI.,:;'|! ".includes(ch)) {
      em += 0.3;
    } else if ('ftr()[]{}"-'.includes(ch)) {
      em += 0.4;
    } else if ('mwMW@%'.includes(ch)) {
      em += 0.9;
    } else if (ch >= 'A' && ch <= 'Z') {
      em += 0.68;
    } else if (c < 0x80) {
      em += 0.56;
    } else if (c >= 0x1100) {
      em += 1.0;
    } else {
      em += 0.62;
    }
  }
  return em * fontSize;
}

const round = (n) => Math.round(n * 10) / 10;

function text(value, x, y, size, fill, { bold = false, anchor = 'middle' } = {}) {
  return s('text', {
    x: round(x), y: round(y), 'font-size': size, 'text-anchor': anchor, fill, 'font-weight': bold ? 'bold' : null,
  }, value);
}

function rect(x, y, width, height, radius, fill, stroke, { dashed = false, cls = 'box' } = {}) {
  return s('rect', {
    class: cls, x: round(x), y: round(y), width: round(width), height: round(height), rx: radius, fill, stroke,
    'stroke-dasharray': dashed ? '4 3' : null,
  });
}

let drawings = 0;

/**
 * Draws a layout. Nodes of states are focusable buttons (Enter, Space or a click calls onSelect with the state name);
 * every node carries data-node-id, data-kind, and data-state (the state name) or data-marker (start, end).
 */
export function drawGraph(layout, { label, onSelect } = {}) {
  const arrow = `arrow-${++drawings}`;
  const svg = s('svg', {
    class: 'graph', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`,
    'font-family': 'Helvetica, Arial, sans-serif', role: 'group', 'aria-label': label ?? 'State machine graph',
  });
  svg.append(s('defs', {},
    s('marker', {
      id: arrow, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
    }, s('path', { d: 'M0,0 L10,5 L0,10 z', fill: EDGE_COLOR }))));
  svg.append(s('rect', { width: '100%', height: '100%', fill: '#ffffff' }));

  const owners = new Set(layout.clusters.map((c) => c.owner));
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));

  // Containers first (outer before inner), then edges, then states and markers, then captions on top, as SvgWriter.
  for (const node of layout.nodes) {
    if ((node.kind === 'parallel' || node.kind === 'map') && owners.has(node.id)) {
      const group = nodeGroup(node, onSelect);
      group.classList.add('container');
      group.append(
        rect(node.x, node.y, node.width, node.height, 10, FILL[node.kind], STROKE[node.kind]),
        text(node.label, node.x + node.width / 2, node.y + 18, LABEL_FONT_SIZE, TEXT_COLOR, { bold: true }),
        text(KIND_NAME[node.kind], node.x + node.width / 2, node.y + 33, SMALL_FONT_SIZE, MUTED_TEXT_COLOR));
      svg.append(group);
      for (const cluster of layout.clusters.filter((c) => c.owner === node.id)) {
        svg.append(s('g', { class: 'cluster', 'data-cluster-id': cluster.id },
          rect(cluster.x, cluster.y, cluster.width, cluster.height, 6, CLUSTER_FILL, CLUSTER_STROKE, { dashed: true, cls: 'cluster-box' }),
          text(cluster.label, cluster.x + 8, cluster.y + 15, SMALL_FONT_SIZE, MUTED_TEXT_COLOR, { anchor: 'start' })));
      }
    }
  }

  for (const edge of layout.edges) {
    svg.append(s('polyline', {
      class: `edge ${edge.kind}${edge.backEdge ? ' back' : ''}`,
      'data-edge-id': edge.id,
      points: edge.points.map((p) => `${round(p.x)},${round(p.y)}`).join(' '),
      fill: 'none', stroke: EDGE_COLOR, 'stroke-width': 1.5, 'stroke-linejoin': 'round',
      'stroke-dasharray': edge.kind === 'catch' ? '5 4' : null,
      'marker-end': `url(#${arrow})`,
    }));
  }

  for (const node of layout.nodes) {
    if (owners.has(node.id)) {
      continue;
    }
    const group = nodeGroup(node, onSelect);
    const cx = node.x + node.width / 2;
    const cy = node.y + node.height / 2;
    if (node.kind === 'start' || node.kind === 'end') {
      const r = node.width / 2;
      group.append(s('circle', {
        class: 'box', cx: round(cx), cy: round(cy), r: node.kind === 'end' ? r : r - 2,
        fill: node.kind === 'end' ? '#ffffff' : FILL[node.kind], stroke: STROKE.end, 'stroke-width': 1.5,
      }));
      if (node.kind === 'end') {
        group.append(s('circle', { class: 'dot', cx: round(cx), cy: round(cy), r: r - 5, fill: FILL.end, stroke: STROKE.end, 'stroke-width': 1.5 }));
      }
    } else {
      const radius = node.kind === 'succeed' || node.kind === 'fail' ? node.height / 2 : node.kind === 'choice' ? 3 : 8;
      group.append(
        rect(node.x, node.y, node.width, node.height, radius, FILL[node.kind], STROKE[node.kind]),
        text(node.label, cx, node.y + 19, LABEL_FONT_SIZE, TEXT_COLOR),
        text(KIND_NAME[node.kind], cx, node.y + 34, SMALL_FONT_SIZE, MUTED_TEXT_COLOR));
    }
    svg.append(group);
  }

  for (const edge of layout.edges) {
    if (edge.label && edge.labelPosition) {
      const width = textWidth(edge.label, SMALL_FONT_SIZE) + 8; // LayeredLayout.CaptionWidth
      const at = edge.labelPosition;
      svg.append(s('g', { class: 'caption' },
        rect(at.x - width / 2, at.y - 8, width, 16, 3, '#ffffff', 'none', { cls: 'caption-box' }),
        text(edge.label, at.x, at.y + 4, SMALL_FONT_SIZE, MUTED_TEXT_COLOR)));
    }
  }

  svg.graphNodes = byId;
  return svg;
}

function nodeGroup(node, onSelect) {
  const isState = node.stateName !== null && node.stateName !== undefined;
  const name = isState ? node.stateName : node.label;
  const description = isState ? `${name} (${KIND_NAME[node.kind]})` : `${name} marker`;
  const group = s('g', {
    class: `node kind-${node.kind}`,
    'data-node-id': node.id,
    'data-kind': node.kind,
    'data-state': isState ? node.stateName : null,
    'data-marker': isState ? null : node.kind,
    'data-top': node.cluster === null ? 'true' : null,
    'aria-label': description,
    role: isState ? 'button' : 'img',
    tabindex: isState ? '0' : null,
  }, s('title', {}, description));
  group.description = description;
  if (isState && onSelect) {
    group.addEventListener('click', () => onSelect(node.stateName));
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(node.stateName);
      }
    });
  }
  return group;
}

/**
 * Colours a drawn graph: statusOfState(name) and statusOfMarker(kind, isTopLevel) give a status key of STATUS_TEXT or
 * null (drawn in its type's colours). Titles and aria-labels say the status in words; `selected` gets aria-pressed.
 */
export function paintGraph(svg, { statusOfState, statusOfMarker, selected } = {}) {
  for (const group of svg.querySelectorAll('g.node')) {
    const state = group.getAttribute('data-state');
    const status = state !== null
      ? statusOfState?.(state) ?? null
      : statusOfMarker?.(group.getAttribute('data-marker'), group.getAttribute('data-top') === 'true') ?? null;
    const label = status ? `${group.description}: ${STATUS_TEXT[status]}` : group.description;
    if (status) {
      group.setAttribute('data-status', status);
    } else {
      group.removeAttribute('data-status');
    }
    group.setAttribute('aria-label', label);
    group.querySelector('title').textContent = label;
    if (state !== null) {
      group.setAttribute('aria-pressed', String(state === selected));
    }
  }
}
