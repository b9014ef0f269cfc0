// YAML parsed with its positions kept, so that every validation error can
// point at the file and line of the key it is about.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { InputError, type SourceLocation } from './errors';

export type Path = ReadonlyArray<string | number>;

export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  /** The location of the node at path, or of its nearest existing parent. */
  locate(path: Path): SourceLocation;
}

export function parseYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new InputError(`not valid YAML: ${first.message.split('\n')[0]}`, {
      location: { file, line: pos.line, column: pos.col },
    });
  }
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  return {
    file,
    value: doc.toJS(),
    locate(path) {
      let node: unknown = doc.contents;
      let best: SourceLocation = { file, line: 1 };
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          if (!pair) break;
          const keyNode = pair.key as Node;
          if (keyNode.range) best = at(keyNode.range[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
          const r = (node as Node | undefined)?.range;
          if (r) best = at(r[0]);
        } else break;
      }
      return best;
    },
  };
}

/** Renders a path the way users write it: smaps[1].ports */
export function formatPath(path: Path): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}
