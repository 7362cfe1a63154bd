import type { Style } from './style';

/** Where a command writes: human text with a style, or one JSON document with --json. */
export interface Output {
  readonly json: boolean;
  readonly style: Style;
  line(text?: string): void;
  lines(texts: readonly string[]): void;
  writeJson(value: unknown): void;
}

export function streamOutput(stream: NodeJS.WritableStream, style: Style, json: boolean): Output {
  return {
    json,
    style,
    line: (text = '') => stream.write(`${text}\n`),
    lines: (texts) => {
      for (const t of texts) stream.write(`${t}\n`);
    },
    writeJson: (value) => stream.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
