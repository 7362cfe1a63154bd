/**
 * The preview's labels in the display language, for the `strings` message. Pure (no `vscode`), so the unit
 * tests can check it: the panel passes `(s) => vscode.l10n.t(s)`, and l10n/bundle.l10n.json holds every
 * English label as a key (scripts/l10n/englishBundle.ts adds them).
 */
import { DEFAULT_STRINGS, STRING_COMMENTS, type PreviewStrings, type StringKey } from '../../preview/strings';

/**
 * Every label of DEFAULT_STRINGS, through `translate`, which gets the English text (and keeps its {0}, {1}…)
 * and, for a few labels, the translator's note that tells it apart (STRING_COMMENTS).
 */
export function localizedPreviewStrings(translate: (english: string, comment?: string) => string): PreviewStrings {
  const strings: Partial<Record<StringKey, string>> = {};
  for (const key of Object.keys(DEFAULT_STRINGS) as StringKey[])
    strings[key] = translate(DEFAULT_STRINGS[key], STRING_COMMENTS[key]);
  return strings;
}
