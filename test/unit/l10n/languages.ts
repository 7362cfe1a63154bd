import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
/** The languages besides English: the ones the source material was written in (VS Code locale ids). */
export const LANGUAGES = ['ko', 'ja', 'pt-br'] as const;

export function readJson(relative: string): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, relative), 'utf8')) as Record<string, string>;
}

/** "{0} and {1}" → ["{0}", "{1}"], sorted: what a translation must keep. */
export function placeholders(message: string): string[] {
  return (message.match(/\{\d+\}/g) ?? []).sort();
}

/** The targets of markdown links to commands and files, which a translation must keep byte for byte. */
export function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).sort();
}

export const HANGUL = /[\uac00-\ud7af]/;
