// The checks every session runs (shared/coreFeatures.ts), here in the trusted folder, where tconv shares the
// extension host with the tests: what the other sessions are compared with.
import { describeCoreFeatures } from '../shared/coreFeatures';
import { tconv } from './util';

describe('trusted folder', () => {
  before(() => tconv());

  describeCoreFeatures();
});
