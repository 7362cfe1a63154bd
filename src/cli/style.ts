/** ANSI styling for terminals; plain text when NO_COLOR is set, the stream is not a TTY, or --no-color. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const ansiStyle: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const identity = (s: string) => s;
export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

/** `color` is false for --no-color; otherwise NO_COLOR / FORCE_COLOR, then whether the stream is a terminal, decide. */
export function chooseStyle(
  color: boolean | undefined,
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Style {
  if (color === false || (env.NO_COLOR ?? '') !== '') return plainStyle;
  const force = env.FORCE_COLOR ?? '';
  if (force !== '' && force !== '0' && force !== 'false') return ansiStyle;
  return stream.isTTY ? ansiStyle : plainStyle;
}
