import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import {
  validateAppType,
  validateContactEmail,
  validateProfiles,
  validateProvider,
} from '../../src/cli/validate-credentials.js';

function refused(fn: () => unknown, name: string, action: string): void {
  try {
    fn();
    expect.fail('no error');
  } catch (error) {
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).name).to.equal(name);
    expect((error as SfError).actions?.join(' ')).to.include(action);
  }
}

describe('input validation: credentials commands', () => {
  it('accepts the two providers exactly', () => {
    expect(validateProvider('ringcentral')).to.equal('ringcentral');
    expect(validateProvider('eci')).to.equal('eci');
  });

  for (const bad of ['', 'RingCentral', 'salesforce', ' eci']) {
    it(`refuses the provider ${JSON.stringify(bad)}`, () =>
      refused(() => validateProvider(bad), 'InvalidProviderError', '--provider'));
  }

  it('accepts the three app types and refuses others', () => {
    expect(validateAppType('external-client-app')).to.equal('external-client-app');
    // Not "…TypeError": sf takes an error whose name or stack holds that word for a bug (exit 10).
    refused(() => validateAppType('eca'), 'AppTypeUnknownError', '--app-type');
  });

  it('accepts a contact email, trimmed', () => {
    expect(validateContactEmail(' admin@acme.example.com ')).to.equal('admin@acme.example.com');
    expect(validateContactEmail("o'neil+eci@sub.acme.io")).to.equal("o'neil+eci@sub.acme.io");
  });

  for (const bad of [
    '',
    'admin',
    'admin@',
    '@acme.com',
    'admin@acme',
    'ad min@acme.com',
    'a@b.com,c@d.com',
    `${'a'.repeat(80)}@acme.com`,
  ]) {
    it(`refuses the contact email ${JSON.stringify(bad)}`, () =>
      refused(() => validateContactEmail(bad), 'InvalidContactEmailError', '--contact-email'));
  }

  it('trims profiles and drops duplicates; refuses an empty one', () => {
    expect(validateProfiles([' Standard User', 'standard user', 'System Administrator'])).to.deep.equal([
      'Standard User',
      'System Administrator',
    ]);
    refused(() => validateProfiles(['Standard User', ' ']), 'EmptyProfileError', '--profile');
  });
});
