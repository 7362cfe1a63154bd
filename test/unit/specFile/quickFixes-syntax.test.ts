// Syntax errors people make writing JSON by hand (Python and JavaScript habits, NumPy's printing, a missing
// separator): said in their terms, on the token, with the fix that makes the text parse.
import { strict as assert } from 'node:assert';
import { assertFixClears, marked, only, preferredFix } from './helpers';

const layer = (fields: string) => `{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2, ${fields} } }`;

interface SyntaxCase {
  readonly what: string;
  readonly text: string;
  readonly token: string;
  /** Text the token follows (default "input"). */
  readonly after?: string;
  readonly message: RegExp;
  readonly title: string;
  readonly fixed: string;
}

const CASES: readonly SyntaxCase[] = [
  {
    what: "Python's True",
    text: layer('"bias": True'),
    token: 'True',
    message: /^JSON writes True as true\./,
    title: 'Change to true',
    fixed: layer('"bias": true'),
  },
  {
    what: "Python's False",
    text: layer('"bias": False, "stride": 2'),
    token: 'False',
    message: /^JSON writes False as false\./,
    title: 'Change to false',
    fixed: layer('"bias": false, "stride": 2'),
  },
  {
    what: 'a single-quoted value',
    text: layer('"padding": \'same\''),
    token: "'same'",
    message: /^JSON strings are written in double quotes: "same"\./,
    title: 'Write "same"',
    fixed: layer('"padding": "same"'),
  },
  {
    what: 'a single-quoted key',
    text: layer("'stride': 2"),
    token: "'stride'",
    message: /^JSON strings are written in double quotes: "stride"\./,
    title: 'Write "stride"',
    fixed: layer('"stride": 2'),
  },
  {
    what: 'an unquoted key',
    text: layer('stride: 2'),
    token: 'stride',
    message: /^Property names need double quotes: "stride"\./,
    title: 'Write "stride"',
    fixed: layer('"stride": 2'),
  },
  {
    what: 'a Python tuple',
    text: layer('"stride": (2, 1)'),
    token: '(2, 1)',
    message: /^JSON has no tuples: write a list in square brackets\./,
    title: 'Write [ … ] instead of ( … )',
    fixed: layer('"stride": [2, 1]'),
  },
  {
    what: 'a # comment',
    text: '{ "input": { "shape": [2, 4, 4] }, # the latent\n  "layer": { "kernelSize": 2 } }',
    token: '#',
    message: /^Comments start with \/\/ \(or are written \/\* … \*\/\); JSON has no # comments\./,
    title: 'Write // instead of #',
    fixed: '{ "input": { "shape": [2, 4, 4] }, // the latent\n  "layer": { "kernelSize": 2 } }',
  },
  {
    what: 'a number without a digit before the point',
    text: '{ "input": { "data": [[.5, 1], [2, 3]] }, "layer": { "kernelSize": 2 } }',
    token: '.5',
    message: /^A JSON number needs a digit before the point: 0\.5\./,
    title: 'Write 0.5',
    fixed: '{ "input": { "data": [[0.5, 1], [2, 3]] }, "layer": { "kernelSize": 2 } }',
  },
  {
    what: 'a leading zero',
    text: layer('"stride": 02'),
    token: '02',
    message: /^JSON numbers have no leading zeros\./,
    title: 'Remove the leading zeros',
    fixed: layer('"stride": 2'),
  },
  {
    what: 'a missing comma between properties, past a line comment',
    text: layer('"stride": 2 // up\n  "padding": 0'),
    token: '"padding"',
    message: /^Expected a comma \(,\) before this\.$/,
    title: 'Insert a comma',
    fixed: layer('"stride": 2, // up\n  "padding": 0'),
  },
  {
    what: 'a missing comma between objects, past a block comment',
    text: '{ "input": { "shape": [2, 4, 4] } /* x */ "layer": { "kernelSize": 2 } }',
    token: '"layer"',
    message: /^Expected a comma \(,\) before this\.$/,
    title: 'Insert a comma',
    fixed: '{ "input": { "shape": [2, 4, 4] }, /* x */ "layer": { "kernelSize": 2 } }',
  },
  {
    what: 'an array as NumPy prints it',
    text: '{ "input": { "data": [[0 1]\n [2 3]] }, "layer": { "kernelSize": 2 } }',
    token: '1',
    message: /^Expected a comma \(,\) before this\./,
    title: 'Insert the 3 missing commas',
    fixed: '{ "input": { "data": [[0, 1],\n [2, 3]] }, "layer": { "kernelSize": 2 } }',
  },
  {
    what: 'a missing colon',
    text: layer('"stride" 2'),
    token: '2',
    after: '"stride"',
    message: /^Expected a colon \(:\) after the property name\.$/,
    title: 'Insert a colon',
    fixed: layer('"stride": 2'),
  },
  {
    what: 'an array left open before the object closes',
    text: '{ "input": { "data": [[0, 1], [2, 3] }, "layer": { "kernelSize": 2 } }',
    token: '}',
    message: /^Expected \] to close the array\./,
    title: 'Insert ]',
    fixed: '{ "input": { "data": [[0, 1], [2, 3]] }, "layer": { "kernelSize": 2 } }',
  },
  {
    what: 'the last brace missing',
    text: '{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2 }\n',
    token: '',
    message: /^Expected } to close the object\.$/,
    title: 'Insert }',
    fixed: '{ "input": { "shape": [2, 4, 4] }, "layer": { "kernelSize": 2 }}\n',
  },
];

describe('quick fixes: syntax', () => {
  for (const c of CASES) {
    it(c.what, () => {
      const d = only(c.text, 'syntax');
      assert.equal(marked(c.text, d), c.token);
      if (c.token !== '') assert.equal(d.offset, c.text.indexOf(c.token, c.text.indexOf(c.after ?? '"input"')));
      assert.match(d.message, c.message);
      assert.equal(preferredFix(d).title, c.title);
      assert.equal(assertFixClears(c.text, d), c.fixed);
    });
  }

  it('offers no fix where the remedy is not clear', () => {
    for (const text of [
      layer('"stride": two'),
      '{ "input": { "data": [[0, 1], [2, 3]] ], "layer": { "kernelSize": 2 } }',
      layer('"stride": NaN'),
    ]) {
      const d = only(text, 'syntax');
      assert.deepEqual(d.fixes ?? [], [], d.message);
    }
  });

  it('a missing comma in a long pasted row gets one comma, not a scan of the whole paste', () => {
    const row = (count: number) => Array.from({ length: count }, (_, i) => String(i % 7)).join(' ');
    const long = `{ "input": { "data": [[${row(150_000)}]] }, "layer": { "kernelSize": 2 } }`;
    const d = only(long, 'syntax');
    assert.equal(preferredFix(d).title, 'Insert a comma');
    assert.equal(preferredFix(d).edits.length, 1);
    const short = `{ "input": { "data": [[${row(100)}]] }, "layer": { "kernelSize": 2 } }`;
    assert.equal(preferredFix(only(short, 'syntax')).title, 'Insert the 99 missing commas');
  });
});
