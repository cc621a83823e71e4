import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { validateClientId, validateServerUrl } from '../../src/cli/validate.js';

describe('input validation', () => {
  it('accepts client ids of letters, digits, - and _', () => {
    expect(validateClientId('AbC-12_x')).to.equal('AbC-12_x');
  });

  for (const bad of ['', ' AbC', 'Ab C', 'AbC\n', 'abc$', 'åbc']) {
    it(`refuses the client id ${JSON.stringify(bad)} with an SfError and an action`, () => {
      try {
        validateClientId(bad);
        expect.fail('no error');
      } catch (error) {
        expect(error).to.be.instanceOf(SfError);
        expect((error as SfError).name).to.equal('InvalidClientIdError');
        expect((error as SfError).actions?.join(' ')).to.include('--client-id');
      }
    });
  }

  it('accepts an https server and keeps its origin', () => {
    expect(validateServerUrl('https://platform.ringcentral.biz/')).to.equal('https://platform.ringcentral.biz');
  });

  it('accepts plain http only on the loopback address (a local RingCentral stand-in)', () => {
    expect(validateServerUrl('http://127.0.0.1:8123')).to.equal('http://127.0.0.1:8123');
    expect(validateServerUrl('http://localhost:8123/')).to.equal('http://localhost:8123');
  });

  for (const bad of [
    'http://platform.ringcentral.biz',
    'http://10.0.0.5:8080',
    'http://127.0.0.1.example.com',
    'platform.ringcentral.biz',
    'ftp://x',
    'https://u:p@x.io',
  ]) {
    it(`refuses the server ${bad}`, () => {
      expect(() => validateServerUrl(bad)).to.throw(SfError, /not an https URL/);
    });
  }
});
