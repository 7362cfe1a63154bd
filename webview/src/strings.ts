/** Labels: English defaults from src/preview/strings.ts, replaced by whatever the host sends. */
import { DEFAULT_STRINGS, type PreviewStrings, type StringKey } from '../../src/preview/strings';

let current: Record<StringKey, string> = { ...DEFAULT_STRINGS };

export function setStrings(strings: PreviewStrings): void {
  const next: Record<StringKey, string> = { ...DEFAULT_STRINGS };
  for (const key of Object.keys(DEFAULT_STRINGS) as StringKey[]) {
    const value = strings[key];
    if (typeof value === 'string' && value.length > 0) next[key] = value;
  }
  current = next;
}

/** The label, with {0}, {1}, … replaced by the arguments. */
export function t(key: StringKey, ...args: readonly (string | number)[]): string {
  return current[key].replace(/\{(\d+)\}/g, (whole, i: string) =>
    Number(i) < args.length ? String(args[Number(i)]) : whole,
  );
}
