// Session "restricted mode": workspace trust is on and this folder is not trusted. tconv declares
// untrustedWorkspaces: supported (it runs no code from the workspace), so everything must work unchanged.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeCoreFeatures } from '../shared/coreFeatures';
import { tconv } from '../suites/util';

describe('restricted mode (untrusted workspace)', () => {
  before(() => tconv());

  it('really runs in an untrusted workspace, with tconv active', () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(vscode.extensions.getExtension('tconv.tconv')?.isActive, true);
  });

  describeCoreFeatures();
});
