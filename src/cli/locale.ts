/**
 * `--locale ko` (or TCONV_LOCALE): messages from the extension's translation bundles, l10n/bundle.l10n.<id>.json,
 * shipped next to dist/. "pt-BR" finds pt-br; "ja-JP" falls back to ja; English needs no bundle.
 */
import * as l10n from '@vscode/l10n';
import { InvalidArgumentError } from 'commander';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** dist/cli.js → ../l10n; src/cli/locale.ts (run with tsx) → ../../l10n. */
function bundleDir(): string | undefined {
  return [join(__dirname, '..', 'l10n'), join(__dirname, '..', '..', 'l10n')].find((d) =>
    existsSync(join(d, 'bundle.l10n.json')),
  );
}

export function availableLocales(): string[] {
  const dir = bundleDir();
  const ids = dir
    ? readdirSync(dir)
        .map((f) => /^bundle\.l10n\.(.+)\.json$/.exec(f)?.[1])
        .filter((id): id is string => id !== undefined)
    : [];
  return ['en', ...ids.sort()];
}

/** Configures l10n for `locale`; answers its bundle (undefined for English), which threads are given too. */
export function useLocale(locale: string | undefined): Record<string, string> | undefined {
  const id = locale?.trim().toLowerCase().replace('_', '-');
  if (!id || id === 'en' || id.startsWith('en-')) return undefined;
  const dir = bundleDir();
  const file = [id, id.split('-')[0]]
    .map((candidate) => dir && join(dir, `bundle.l10n.${candidate}.json`))
    .find((f) => f && existsSync(f));
  if (!file)
    throw new InvalidArgumentError(`no translation for "${locale}"; available: ${availableLocales().join(', ')}`);
  const contents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  l10n.config({ contents });
  return contents;
}
