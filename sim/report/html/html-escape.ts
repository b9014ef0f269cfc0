// Escaping by default: `html` is a tagged template that escapes every value
// put in it, unless the value is itself Html made by `html` (or `trusted`,
// kept for the report's own CSS and scripts). Strings from the run (names
// of scenarios, nodes, profiles, reasons) come from user files.

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Null, undefined and false write nothing; arrays write each element; Html is written as is. */
function piece(v: unknown): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === undefined || v === null || v === false) return '';
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ''), ''));
}

/** Text the report itself wrote (its stylesheet, its scripts): never anything from a run. */
export const trusted = (text: string): Html => new Html(text);

/**
 * JSON inside a <script> element: "<" written as \u003c, so that nothing in
 * it ("</script>", "<!--") can end the element or change how it is parsed.
 */
export const jsonInScript = (x: unknown): Html =>
  new Html(JSON.stringify(x).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));

/** A script's source inside a <script> element: "</script" and "<!--" escaped the way JavaScript reads them unchanged in strings and regular expressions. */
export const scriptInScript = (js: string): Html => new Html(js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--'));
