import { expect } from 'chai';
import { isConnectedAppCreationBlocked } from '../../src/org/platform-rules.js';

describe("platform rule: the Spring '26 block on new Connected Apps", () => {
  it("recognises the block in the platform's words", () => {
    expect(
      isConnectedAppCreationBlocked(
        "You can't create a connected app in this org. Create an external client app instead.",
      ),
    ).to.equal(true);
    expect(isConnectedAppCreationBlocked('Connected app creation is disabled for this org')).to.equal(true);
    expect(isConnectedAppCreationBlocked('Creating new connected apps is no longer allowed')).to.equal(true);
    expect(
      isConnectedAppCreationBlocked('New Connected Apps are restricted in this org. Use External Client Apps.'),
    ).to.equal(true);
    expect(
      isConnectedAppCreationBlocked('Unable to create ConnectedApp: connected_app creation not permitted'),
    ).to.equal(true);
  });

  it("recognises it by a status code that names it, and in a whole-call fault's text", () => {
    expect(isConnectedAppCreationBlocked('Operation failed', 'CONNECTED_APP_CREATION_DISABLED')).to.equal(true);
    expect(
      isConnectedAppCreationBlocked(
        'Salesforce refused upsertMetadata ConnectedApp: sf:INVALID_OPERATION: You cannot create new connected apps in this org',
        'sf:INVALID_OPERATION',
      ),
    ).to.equal(true);
    expect(isConnectedAppCreationBlocked('Operation failed', 'FIELD_INTEGRITY_EXCEPTION')).to.equal(false);
  });

  it('does not mistake another refusal for it (no External Client App for a bad field)', () => {
    expect(isConnectedAppCreationBlocked('Invalid email address: not-an-email')).to.equal(false);
    expect(isConnectedAppCreationBlocked('The consumer key is already in use by another connected app')).to.equal(
      false,
    );
    expect(isConnectedAppCreationBlocked(undefined)).to.equal(false);
  });
});
