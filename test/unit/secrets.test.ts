import { Readable } from 'node:stream';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { promptForSecret, secretFromEnvOrStdin } from '../../src/cli/secrets.js';

const intake = {
  name: 'RingCentral client secret',
  envVar: 'RINGCENTRAL_CLIENT_SECRET',
  stdinFlag: 'client-secret-stdin',
};

describe('secret intake', () => {
  it('reads the secret from the environment variable, trimmed', async () => {
    const s = await secretFromEnvOrStdin(intake, false, { RINGCENTRAL_CLIENT_SECRET: ' abc123 ' });
    expect(s?.reveal()).to.equal('abc123');
  });

  it('reads the secret from stdin when asked, without the trailing newline, ignoring the environment', async () => {
    const s = await secretFromEnvOrStdin(
      intake,
      true,
      { RINGCENTRAL_CLIENT_SECRET: 'fromenv' },
      Readable.from(['piped-', 'secret\n']),
    );
    expect(s?.reveal()).to.equal('piped-secret');
  });

  it('gives nothing when neither source has one', async () => {
    expect(await secretFromEnvOrStdin(intake, false, {})).to.equal(undefined);
  });

  it('refuses an empty secret from either source, naming where it came from', async () => {
    for (const [stdin, env, from] of [
      [true, {}, '--client-secret-stdin'],
      [false, { RINGCENTRAL_CLIENT_SECRET: '  ' }, 'RINGCENTRAL_CLIENT_SECRET'],
    ] as const) {
      try {
        await secretFromEnvOrStdin(intake, stdin, env, Readable.from(['\n']));
        expect.fail('no error');
      } catch (error) {
        expect(error).to.be.instanceOf(SfError);
        expect((error as SfError).message).to.include(from);
        expect((error as SfError).actions?.[0]).to.include('RINGCENTRAL_CLIENT_SECRET');
      }
    }
  });

  it('refuses an empty prompt answer', async () => {
    let asked = '';
    const prompt = async (o: { message: string }): Promise<string> => {
      asked = o.message;
      return '';
    };
    await promptForSecret(intake, prompt).then(
      () => expect.fail('no error'),
      (e: Error) => expect(e.name).to.equal('EmptySecretError'),
    );
    expect(asked).to.include('RingCentral client secret');
  });
});
