import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import type { StepContext } from '../../src/steps/step.js';
import { Secret } from '../../src/model/secret.js';
import { eciAuthProvider, eciCallbackUrl, eciOAuthEndpoints } from '../../src/guide/eci-auth-provider.js';
import { toWire } from '../../src/org/metadata-codec.js';
import { EciAuthProviderStep } from '../../src/steps/eci-auth-provider.js';
import { FakeCredentialsOrg } from './fake-credentials-org.js';

const KEY = 'EciKey0123456789';
const SECRET = 'EciSecret0123456789';
const CREDS = '/apps/oauth/credentials/0xI000000000001AAA';
const KEY_AND_SECRET = `${CREDS}/888000000000001AAA?part=keyandsecret`;
const REFUSED = new SfError('Salesforce refused GET: FUNCTIONALITY_NOT_ENABLED', 'PermissionError').setData({
  errorCode: 'FUNCTIONALITY_NOT_ENABLED',
  fault: 'permission',
});

/** An org whose ECI External Client App is listed (its id by SOQL) and whose credentials API answers. */
function orgWithCredentialsApi(): FakeCredentialsOrg {
  const org = new FakeCredentialsOrg();
  org.externalClientApps.set('ECI_Connected_App', '0xI000000000001AAA');
  org.rest.set(CREDS, { consumers: [{ id: '888000000000001AAA', key: KEY, name: 'ECI Connected App' }] });
  org.rest.set(KEY_AND_SECRET, { key: KEY, secret: SECRET });
  return org;
}

const failure = (outcome: {
  components: Array<{ status: string; error?: { name?: string; message: string; actions?: string[] } }>;
}) => {
  expect(outcome.components.map((c) => c.status)).to.deep.equal(['failed']);
  return outcome.components[0].error!;
};

describe('guide: ECI auth provider', () => {
  it("declares the Salesforce-type provider of the guide with the app's key and secret as Secrets", () => {
    const key = new Secret(KEY);
    const secret = new Secret(SECRET);
    const c = eciAuthProvider({ consumerKey: key, consumerSecret: secret }, 'https://acme.my.salesforce.com');
    expect(c).to.deep.include({ type: 'AuthProvider', fullName: 'ECI_Auth_Provider' });
    expect(c.fields).to.deep.equal({
      consumerKey: key,
      consumerSecret: secret,
      authorizeUrl: 'https://acme.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token',
      friendlyName: 'ECI Auth Provider',
      isPkceEnabled: true,
      providerType: 'Salesforce',
    });
    expect(() => toWire('AuthProvider', c.fields)).to.not.throw();
    expect(eciCallbackUrl('https://acme.my.salesforce.com')).to.equal(
      'https://acme.my.salesforce.com/services/authcallback/ECI_Auth_Provider',
    );
  });

  it("signs in on the org's own My Domain, so a sandbox works (never login.salesforce.com)", () => {
    expect(eciOAuthEndpoints('https://acme--uat.sandbox.my.salesforce.com/')).to.deep.equal({
      authorizeUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token',
    });
  });
});

describe('step: ECI auth provider', () => {
  it('takes the key and secret handed over by the connected app step (configure), before anything else', async () => {
    const org = orgWithCredentialsApi();
    const ctx = org.context();
    ctx.handoff.eciAppCredentials = {
      consumerKey: new Secret('HandedKey1'),
      consumerSecret: new Secret('HandedSecret1'),
    };
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret('EnvKey'), consumerSecret: new Secret('EnvSecret') },
      ctx,
    );
    expect(outcome.details.credentialsSource).to.equal('connected-app');
    expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({
      consumerKey: 'HandedKey1',
      consumerSecret: 'HandedSecret1',
      providerType: 'Salesforce',
    });
    expect(org.restCalls).to.have.length(0);
  });

  it('takes them from the environment when given', async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret(KEY), consumerSecret: new Secret(SECRET) },
      org.context(),
    );
    expect(outcome.details.credentialsSource).to.equal('environment');
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['created']);
    expect(org.restCalls).to.have.length(0);
  });

  it("else reads them from the org without the usage list: the app's id by SOQL, its consumer, its key and secret", async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute({}, org.context());
    expect(outcome.details.credentialsSource).to.equal('org');
    expect(org.queries.filter((q) => q.includes('ExternalClientApplication'))).to.deep.equal([
      "SELECT Id FROM ExternalClientApplication WHERE DeveloperName = 'ECI_Connected_App'",
    ]);
    expect(org.restCalls).to.deep.equal([CREDS, KEY_AND_SECRET]);
    expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({ consumerKey: KEY, consumerSecret: SECRET });
    expect(JSON.stringify(outcome)).to.not.include(SECRET).and.not.include(KEY);
  });

  it('an app made in this run and not listed yet: tried again (short injected delay), then read', async () => {
    const org = orgWithCredentialsApi();
    org.externalClientApps.clear();
    const ctx = org.context();
    ctx.handoff.eciExternalClientAppCreated = true;
    let asked = 0;
    const query = org.query.bind(org);
    org.query = async <T extends Record<string, unknown>>(
      soql: string,
      options?: { fresh?: boolean },
    ): Promise<T[]> => {
      if (soql.includes('ExternalClientApplication') && ++asked === 3)
        org.externalClientApps.set('ECI_Connected_App', '0xI000000000001AAA');
      return query<T>(soql, options);
    };
    const outcome = await EciAuthProviderStep.execute({ newAppWait: { tries: 4, delayMs: 1 } }, ctx);
    // Asked three times (the later ones anew), then the answer is the run's: the consumer's read takes it as it is.
    expect(org.queries.filter((q) => q.includes('ExternalClientApplication'))).to.have.length(3);
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['created']);
  });

  it('still not listed after the tries: its own message ("not listed yet", never "run connected-app first"), nothing written', async () => {
    const org = new FakeCredentialsOrg();
    const ctx = org.context();
    ctx.handoff.eciExternalClientAppCreated = true;
    const error = failure(await EciAuthProviderStep.execute({ newAppWait: { tries: 2, delayMs: 1 } }, ctx));
    expect(error.name).to.equal('AppNotListedYetError');
    expect(error.message).to.include('does not list it').and.not.include('connected-app');
    expect(error.actions!.join(' ')).to.include('in a few minutes').and.include('ECI_CONSUMER_KEY');
    expect(org.writes).to.have.length(0);
  });

  it('kept from the REST API and no consent: fails with the three ways out (flag, Setup toggle and its URL, environment)', async () => {
    const org = orgWithCredentialsApi();
    org.rest.set(CREDS, REFUSED);
    const error = failure(await EciAuthProviderStep.execute({}, org.context()));
    expect(error.name).to.equal('CredentialsUnavailableError');
    expect(error.message).to.include('enableClientSecretInRestApiAccess');
    const actions = error.actions!;
    expect(actions[0]).to.include('--allow-secret-read-via-rest');
    expect(actions[1]).to.include(
      'https://acme.my.salesforce.com/lightning/setup/ExternalClientApplicationSettings/home',
    );
    expect(actions[2]).to.include('ECI_CONSUMER_KEY').and.include('--consumer-secret-stdin');
    expect(org.writes).to.have.length(0);
  });

  describe('with consent to switch the REST secrets setting', () => {
    /** The setting off; the credentials API refuses while it is off; the consent and its records, logged. */
    function consentingOrg(options: { confirm?: boolean } = {}): {
      org: FakeCredentialsOrg;
      ctx: StepContext;
      log: string[];
    } {
      const org = orgWithCredentialsApi();
      const log: string[] = [];
      let on = false;
      org.seed('ExternalClientAppSettings', 'ExternalClientApp', { enableClientSecretInRestApiAccess: false });
      const restGet = org.restGet.bind(org);
      org.restGet = async <T>(path: string): Promise<T> => (on ? restGet<T>(path) : Promise.reject(REFUSED));
      const deploy = org.deployMetadata.bind(org);
      org.deployMetadata = async (items) => {
        on = items[0].component.fields.enableClientSecretInRestApiAccess === true;
        log.push(`deploy ${String(on)}`);
        return deploy(items);
      };
      const ctx = org.context({
        secretAccess: {
          confirm: async () => {
            log.push('confirm');
            return options.confirm ?? true;
          },
          recordPending: async (restoreTo) => void log.push(`record ${String(restoreTo)}`),
          clearPending: async () => void log.push('clear'),
        },
      });
      return { org, ctx, log };
    }

    it('records, turns it on, reads, turns it back off, clears the record; the outcome says so', async () => {
      const { org, ctx, log } = consentingOrg();
      const outcome = await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx);
      expect(log).to.deep.equal(['confirm', 'record false', 'deploy true', 'deploy false', 'clear']);
      expect(outcome.components.map((c) => c.status)).to.deep.equal(['created']);
      expect(outcome.details.secretAccess).to.deep.equal({
        setting: 'ExternalClientAppSettings.enableClientSecretInRestApiAccess',
        turnedOn: true,
        restored: true,
      });
      expect(outcome.warnings.join(' ')).to.include('turned back off');
      expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({
        consumerKey: KEY,
        consumerSecret: SECRET,
      });
    });

    it('an org that lists no External Client App (its ECI app a Connected App) never has the setting switched', async () => {
      const { org, ctx, log } = consentingOrg();
      org.externalClientApps.clear();
      const error = failure(await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx));
      expect(log).to.deep.equal([]);
      expect(error.name).to.equal('AppNotListedError');
      expect(error.actions!.join(' ')).to.include('Manage Consumer Details');
    });

    it('an ECI app that is a Connected App (made in Setup, or by a run that ended first): its own words, from Setup', async () => {
      const { org, ctx, log } = consentingOrg();
      org.externalClientApps.clear();
      org.seed('ConnectedApp', 'ECI_Connected_App', { label: 'ECI Connected App' });
      const error = failure(await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx));
      expect(log).to.deep.equal([]);
      expect(error.name).to.equal('ConnectedAppSecretError');
      expect(error.message).to.include('is a Connected App');
      expect(error.actions!.join(' ')).to.include('App Manager > ECI Connected App > View > Manage Consumer Details');
      expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.equal(undefined);
    });

    it('a switch whose deploy was still running when the wait ended keeps its record (it may land yet); a refused one does not', async () => {
      for (const [thrown, kept] of [
        [new SfError('still running', 'DeployStillRunningError'), true],
        [new SfError('refused', 'SwitchRefusedError'), false],
      ] as const) {
        const { org, ctx, log } = consentingOrg();
        org.deployMetadata = async () => {
          log.push('deploy true');
          throw thrown;
        };
        failure(await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx));
        expect(log, thrown.name).to.deep.equal(['confirm', 'record false', 'deploy true', ...(kept ? [] : ['clear'])]);
      }
    });

    it('a "no" in the terminal switches nothing: the ways out', async () => {
      const { ctx, log } = consentingOrg({ confirm: false });
      const error = failure(await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx));
      expect(log).to.deep.equal(['confirm']);
      expect(error.name).to.equal('CredentialsUnavailableError');
    });

    it('a read that fails while it is on still turns it back off; the record goes only once it is back', async () => {
      const { org, ctx, log } = consentingOrg();
      org.rest.set(KEY_AND_SECRET, REFUSED);
      const outcome = await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx);
      expect(log).to.deep.equal(['confirm', 'record false', 'deploy true', 'deploy false', 'clear']);
      expect(failure(outcome).message).to.include('View Client Secret');
      expect(outcome.details.secretAccess).to.deep.include({ turnedOn: true, restored: true });
    });

    it('a restore that fails keeps the record and says the setting is still on', async () => {
      const { org, ctx, log } = consentingOrg();
      const deploy = org.deployMetadata.bind(org);
      org.deployMetadata = async (items) => {
        if (items[0].component.fields.enableClientSecretInRestApiAccess === false)
          throw new SfError('lost', 'ApiCallError');
        return deploy(items);
      };
      const outcome = await EciAuthProviderStep.execute({ secretReadViaRest: true }, ctx);
      expect(log).to.not.include('clear');
      expect(outcome.details.secretAccess).to.deep.include({ turnedOn: true, restored: false });
      expect(outcome.warnings.join(' ')).to.include('could not be turned back off').and.include('next run');
    });
  });

  it('an existing provider is unchanged without credentials, and a second run writes nothing', async () => {
    const org = orgWithCredentialsApi();
    await EciAuthProviderStep.execute({}, org.context());
    const writes = org.writes.length;
    const again = await EciAuthProviderStep.execute(
      { consumerKey: new Secret(KEY), consumerSecret: new Secret(SECRET) },
      org.context(),
    );
    expect(again.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    const bare = await EciAuthProviderStep.execute({}, org.context());
    expect(bare.components.map((c) => c.status)).to.deep.equal(['unchanged']);
    expect(org.writes.length).to.equal(writes);
  });

  it('an existing provider with another key gets the new key, and the Setup step for its secret (no API changes it)', async () => {
    const org = new FakeCredentialsOrg().seed('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: 'OldKey000',
      ...eciOAuthEndpoints('https://acme.my.salesforce.com'),
      friendlyName: 'ECI Auth Provider',
      isPkceEnabled: true,
      providerType: 'Salesforce',
    });
    const outcome = await EciAuthProviderStep.execute(
      { consumerKey: new Secret('NewKey111'), consumerSecret: new Secret('NewSecret1') },
      org.context(),
    );
    expect(outcome.components[0]).to.deep.include({ status: 'updated', action: 'update' });
    expect(outcome.components[0].changes).to.deep.equal([
      { field: 'consumerKey', current: '********', desired: '********' },
    ]);
    // The key is written; the stored secret is never sent again (write-once): a person enters it in Setup.
    expect(org.writes).to.have.length(1);
    expect(org.writes[0].fields.consumerKey).to.equal('NewKey111');
    expect(org.writes[0].fields).to.not.have.property('consumerSecret');
    expect(outcome.nextSteps.map((s) => s.url)).to.deep.equal([
      'https://acme.my.salesforce.com/lightning/setup/AuthProviders/home',
    ]);
  });

  it('an existing provider without My Domain endpoints or PKCE is updated in place, keeping its key and secret', async () => {
    const org = new FakeCredentialsOrg().seed('AuthProvider', 'ECI_Auth_Provider', {
      consumerKey: KEY,
      consumerSecret: 'encrypted-by-the-org',
      friendlyName: 'ECI Auth Provider',
      providerType: 'Salesforce',
    });
    const outcome = await EciAuthProviderStep.execute({}, org.context());
    expect(outcome.components[0]).to.deep.include({ status: 'updated' });
    expect(outcome.components[0].changes.map((c) => c.field)).to.have.members([
      'authorizeUrl',
      'tokenUrl',
      'isPkceEnabled',
    ]);
    expect(org.writes[0].fields).to.deep.include({
      authorizeUrl: 'https://acme.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token',
      isPkceEnabled: true,
      consumerKey: KEY,
    });
    expect(org.writes[0].fields).to.not.have.property('consumerSecret');
    // No secret is read for an update (the key check asks the app's key only).
    expect(org.restCalls.filter((c) => c.includes('keyandsecret'))).to.have.length(0);
    expect(outcome.nextSteps).to.have.length(0);
  });

  it("through a custom domain: the endpoints on the org's *.my.salesforce.com (userinfo), read only then", async () => {
    const org = orgWithCredentialsApi();
    org.myDomainUrl = 'https://acme.my.salesforce.com';
    const ctx = org.context();
    await EciAuthProviderStep.execute({}, { ...ctx, facts: { ...ctx.facts, myDomainUrl: 'https://login.acme.com' } });
    expect(org.get('AuthProvider', 'ECI_Auth_Provider')).to.deep.include({
      authorizeUrl: 'https://acme.my.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token',
    });
    expect(org.userInfoCalls).to.equal(1);
    await EciAuthProviderStep.execute({}, orgWithCredentialsApi().context());
    expect(org.userInfoCalls).to.equal(1);
  });

  it('a custom domain whose org does not name its My Domain: an SfError, never a guess', async () => {
    const org = orgWithCredentialsApi();
    const ctx = org.context();
    try {
      await EciAuthProviderStep.execute({}, { ...ctx, facts: { ...ctx.facts, myDomainUrl: 'https://login.acme.com' } });
      expect.fail('no error');
    } catch (error) {
      expect((error as SfError).name).to.equal('NoMyDomainError');
      expect((error as SfError).actions?.join(' ')).to.include('--instance-url');
    }
    expect(org.writes).to.have.length(0);
  });

  it('a dry run reads nothing secret and warns what creating needs', async () => {
    const org = orgWithCredentialsApi();
    const outcome = await EciAuthProviderStep.execute({}, org.context({ dryRun: true }));
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['planned']);
    expect(outcome.warnings.join(' ')).to.include('ECI_CONSUMER_KEY');
    expect(org.restCalls).to.have.length(0);
    expect(org.writes).to.have.length(0);
  });
});
