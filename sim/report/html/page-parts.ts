// The pieces every page is made of: a table in its own scroller, a figure
// holding a chart's canvas, and numbers as a person reads them. Values go
// through the escaping `html` template.
import type { ChartSpec } from './chart-specs';
import { html, type Html } from './html-escape';
import { noun } from '../plural';

export interface Column {
  readonly label: string;
  readonly num?: boolean;
}

export interface Row {
  readonly cells: readonly unknown[];
  readonly failed?: boolean;
}

/** A table in its own horizontal scroller; `stack` turns rows into blocks on a phone. */
export function table(columns: readonly Column[], rows: readonly Row[], stack = false): Html {
  const cell = (c: Column, v: unknown) => html`<td data-label="${c.label}" class="${c.num ? 'num' : ''}">${v}</td>`;
  return html`<div class="scroll"><table class="${stack ? 'stack' : ''}"><thead><tr>${columns.map((c) => html`<th class="${c.num ? 'num' : ''}">${c.label}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr class="${r.failed ? 'failed' : ''}">${columns.map((c, i) => cell(c, r.cells[i]))}</tr>`)}</tbody></table></div>`;
}

export const int = (n: number): string => n.toLocaleString('en-US');
export const plural = (n: number, word: string): string => `${int(n)} ${noun(n, word)}`;

export type ChartLookup = (id: string) => ChartSpec | undefined;

/** The chart's canvas in a figure with its caption; nothing when there is no such chart. */
export function figure(spec: ChartSpec | undefined, caption: Html | string, wide = false): Html {
  if (!spec) return html``;
  return html`<figure id="${spec.id}" data-chart><div class="chart${wide ? ' wide' : ''}"><canvas role="img" aria-label="${spec.label}"></canvas></div><figcaption>${caption}</figcaption></figure>`;
}
