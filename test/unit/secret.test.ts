import { inspect } from 'node:util';
import { expect } from 'chai';
import { redact, Secret } from '../../src/model/secret.js';

describe('Secret', () => {
  const secret = new Secret('Sup3rS3cretValue');

  it('does not disclose its value however it is printed', () => {
    for (const text of [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect({ secret }),
      inspect(secret),
    ]) {
      expect(text).to.not.include('Sup3rS3cretValue');
      expect(text).to.include('********');
    }
  });

  it('gives its value only through reveal()', () => {
    expect(secret.reveal()).to.equal('Sup3rS3cretValue');
  });

  it('redacts its value out of a server message', () => {
    expect(redact('bad secret Sup3rS3cretValue here', [secret])).to.equal('bad secret ******** here');
  });
});
