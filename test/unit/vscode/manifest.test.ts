import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The manifest's walkthrough and menus point at files, commands and examples: each must exist.
const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string as VS Code shows it in English: "%key%" resolved through package.nls.json. */
const english = (value: string): string => value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `(no ${key} in package.nls.json)`);
const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');

describe('the extension manifest', () => {
  const steps: { id: string; description: string; media: { markdown: string } }[] = manifest.contributes.walkthroughs[0].steps;

  it('has a six-step walkthrough whose pages exist and ship in the .vsix', () => {
    assert.equal(steps.length, 6);
    for (const step of steps) {
      assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
      assert.match(ignore, /^!docs\/walkthrough\/\*\.md$/m);
    }
  });

  it('links only to contributed commands, and to examples that exist and ship', () => {
    for (const step of steps) {
      for (const [, command, args] of english(step.description).matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
        assert.ok(commands.has(command), `${step.id}: ${command} is not contributed`);
        if (command === 'tconv.openExample') {
          const [name] = JSON.parse(decodeURIComponent(args)) as string[];
          assert.ok(existsSync(join(root, 'examples', `${name}.tconv.json`)), `${step.id}: no example ${name}`);
        }
      }
    }
    assert.match(ignore, /^!examples\/\*\.tconv\.json$/m);
  });

  it('every menu entry names a contributed command', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const e of entries) assert.ok(commands.has(e.command), `${menu}: ${e.command}`);
    }
  });

  // JSON documents, so a spec opened alone or in a virtual workspace (where workspaceContains cannot search)
  // gets its features; a workspace holding specs, so the Testing view lists them. Never '*' or on startup.
  it('activates on JSON documents and workspaces holding specs, never on everything', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:json', 'workspaceContains:**/*.tconv.json']);
  });
});
