import { expect } from 'chai';
import { isConnectedAppCreationBlocked } from '../../src/org/platform-rules.js';

describe('platform rule: the Spring \'26 block on new Connected Apps', () => {
  it('recognises the block in the platform\'s words', () => {
    expect(isConnectedAppCreationBlocked("You can't create a connected app in this org. Create an external client app instead.")).to.equal(true);
    expect(isConnectedAppCreationBlocked('Connected app creation is disabled for this org')).to.equal(true);
    expect(isConnectedAppCreationBlocked('Creating new connected apps is no longer allowed')).to.equal(true);
  });

  it('does not mistake another refusal for it (no External Client App for a bad field)', () => {
    expect(isConnectedAppCreationBlocked('Invalid email address: not-an-email')).to.equal(false);
    expect(isConnectedAppCreationBlocked('The consumer key is already in use by another connected app')).to.equal(false);
    expect(isConnectedAppCreationBlocked(undefined)).to.equal(false);
  });
});
