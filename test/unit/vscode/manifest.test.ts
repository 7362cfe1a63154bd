import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleContextKey } from '../../../src/vscode/exampleContextKey';

// The manifest's walkthrough and menus point at files, commands and examples: each must exist.
const root = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string as VS Code shows it in English: "%key%" resolved through package.nls.json. */
const english = (value: string): string =>
  value.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `(no ${key} in package.nls.json)`);
const commands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');

describe('the extension manifest', () => {
  const steps: { id: string; description: string; media: { markdown: string }; completionEvents?: string[] }[] =
    manifest.contributes.walkthroughs[0].steps;

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

  // Completing on `onCommand:tconv.openExample` (or on the default, the step's own links) ticked every step that
  // opens an example at the first click; each step completes on the examples it opens, and only those.
  it('each walkthrough step completes on its own examples, no event shared with another step', () => {
    const owner = new Map<string, string>();
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id}: no completionEvents, so its links' commands complete it`);
      const opened = [...english(step.description).matchAll(/\(command:tconv\.openExample\?([^)]*)\)/g)].map(
        ([, args]) => `onContext:${exampleContextKey((JSON.parse(decodeURIComponent(args)) as string[])[0])}`,
      );
      if (step.id !== 'gradient') assert.deepEqual(events, opened, step.id);
      for (const event of events) {
        assert.doesNotMatch(event, /^onCommand:tconv\.openExample$/, step.id);
        assert.equal(owner.get(event), undefined, `${event} completes both ${owner.get(event)} and ${step.id}`);
        owner.set(event, step.id);
      }
    }
  });

  it('every menu entry names a contributed command', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus as Record<string, { command: string }[]>)) {
      for (const e of entries) assert.ok(commands.has(e.command), `${menu}: ${e.command}`);
    }
  });

  // A spec's own language, so a spec opened alone or in a virtual workspace (where workspaceContains cannot
  // search) gets its features; a workspace holding specs, so the Testing view lists them. Never '*' or on startup.
  it('activates on specs and workspaces holding specs, never on everything', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:tconv', 'workspaceContains:**/*.tconv.json']);
  });

  // *.tconv.json is its own language, so VS Code's JSON service does not validate specs a second time.
  it('*.tconv.json is the tconv language (JSON with comments), with no JSON schema association', () => {
    const [language] = manifest.contributes.languages as {
      id: string;
      filenamePatterns: string[];
      extensions: string[];
      configuration: string;
    }[];
    assert.equal(language.id, 'tconv');
    assert.deepEqual(language.filenamePatterns, ['*.tconv.json']);
    assert.deepEqual(language.extensions, ['.tconv.json']);
    assert.equal(
      manifest.contributes.jsonValidation,
      undefined,
      'a jsonValidation entry would make VS Code report every problem twice',
    );
    const config = JSON.parse(readFileSync(join(root, language.configuration), 'utf8')) as {
      comments: { lineComment: string };
    };
    assert.equal(config.comments.lineComment, '//');
    const [grammar] = manifest.contributes.grammars as { language: string; path: string }[];
    assert.equal(grammar.language, 'tconv');
    assert.ok(existsSync(join(root, grammar.path)), grammar.path);
    for (const shipped of [
      language.configuration,
      grammar.path,
      'dist/server.js',
      'dist/verifyWorker.js',
      'dist/web/server.js',
    ]) {
      assert.match(
        ignore,
        new RegExp(`^!${shipped.replace(/^\.\//, '').replace(/[.*]/g, (c) => `\\${c}`)}$`, 'm'),
        `${shipped} is not shipped in the .vsix`,
      );
    }
  });
});
