import { statSync } from 'node:fs';
import { glob, isDynamicPattern } from 'tinyglobby';

export const SPEC_SUFFIX = '.tconv.json';

export interface ExpandedFiles {
  readonly files: string[];
  /** Arguments that matched nothing: reported as errors, never silently skipped. */
  readonly unmatched: string[];
}

/** Files, directories (searched recursively for *.tconv.json) and glob patterns → sorted spec paths. */
export async function expandSpecArguments(args: readonly string[]): Promise<ExpandedFiles> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const arg of args) {
    let found: string[] = [];
    if (isDynamicPattern(arg)) {
      found = await glob(arg, { onlyFiles: true, ignore: ['**/node_modules/**'] });
    } else {
      const stat = statSync(arg, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        found = await glob(`**/*${SPEC_SUFFIX}`, { cwd: arg, onlyFiles: true, ignore: ['**/node_modules/**'] });
        found = found.map((f) => joinPath(arg, f));
      } else if (stat?.isFile()) {
        found = [arg];
      }
    }
    if (found.length === 0) unmatched.push(arg);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(), unmatched };
}

function joinPath(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}
