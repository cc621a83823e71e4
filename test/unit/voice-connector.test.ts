import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { throwIfFailed } from '../../src/cli/step-command.js';
import { validateEmail, validateUsername } from '../../src/cli/validate-users.js';
import { optionalUrlPathPrefix } from '../../src/cli/validate.js';
import { apply, plan } from '../../src/engine/engine.js';
import type { ComponentResult, RecordComponent } from '../../src/model/component.js';
import { GUEST_PERMISSION_SET_LABELS, guestUserPermissions } from '../../src/guide/guest-user-permissions.js';
import { ECI_ACCESS_PERMISSION_SET_LABELS, integrationUser, userAlias } from '../../src/guide/integration-user.js';
import { choosePermissionSet } from '../../src/guide/permission-set-choice.js';
import { parseQualifiedName, qualifiedName } from '../../src/model/permission-set.js';
import { NEW_SITE_DEFAULTS, voiceConnectorSite } from '../../src/guide/voice-connector-site.js';
import { toWire } from '../../src/org/metadata-codec.js';
import { GuestUserPermissionsStep } from '../../src/steps/guest-user-permissions.js';
import { IntegrationUserStep } from '../../src/steps/integration-user.js';
import { VoiceConnectorSiteStep } from '../../src/steps/voice-connector-site.js';
import wsdl from '../sim/wsdl/metadata-types.json' with { type: 'json' };
import { FakeVoiceOrg } from './voice-connector-fake-org.js';

async function refusal(promise: Promise<unknown>): Promise<SfError> {
  try {
    await promise;
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected an error');
}

const VC = {
  Id: '0PS000000000001AAA',
  Name: 'VoiceConnectorPermission',
  Label: 'Voice Connector Permission',
  NamespacePrefix: 'vcon',
  IsOwnedByProfile: false,
};
const CIIU = {
  Id: '0PS000000000002AAA',
  Name: 'ConversationInsightsIntegrationUser',
  Label: 'Conversation Insights Integration User',
  NamespacePrefix: null,
  IsOwnedByProfile: false,
  PermissionsApiEnabled: true,
};
const ECI = {
  Id: '0PS000000000003AAA',
  Name: 'EinsteinConversationInsightsIncluded',
  Label: 'Einstein Conversation Insights Included',
  NamespacePrefix: null,
  IsOwnedByProfile: false,
};
const ADMIN_PROFILE_SET = {
  Id: '0PS000000000009AAA',
  Name: 'X00e000000000001',
  Label: 'System Administrator',
  IsOwnedByProfile: true,
  ProfileId: '00e000000000001AAA',
  PermissionsApiEnabled: true,
};

function eciOrg(): FakeVoiceOrg {
  const org = new FakeVoiceOrg();
  org.permissionSets = [VC, CIIU, ECI, ADMIN_PROFILE_SET];
  org.objectPermissions = [{ ParentId: ADMIN_PROFILE_SET.Id, SobjectType: 'VoiceCall', PermissionsRead: true }];
  return org;
}

describe('guide: VoiceConnector site', () => {
  const site = voiceConnectorSite({ siteContact: 'a@acme.com', recordOwner: 'b@acme.com' });

  it('sets every field the WSDL requires for CustomSite, with the guide values', () => {
    const required = (
      wsdl as { complexTypes: Record<string, { elements: Array<{ name: string; minOccurs: number }> }> }
    ).complexTypes.CustomSite.elements
      .filter((e) => e.minOccurs >= 1)
      .map((e) => e.name);
    expect(required).to.have.length(13);
    expect(Object.keys(site.fields)).to.include.members(required);
    expect(site.fields).to.include({
      active: true,
      masterLabel: 'VoiceConnector',
      indexPage: 'SiteLogin',
      clickjackProtectionLevel: 'SameOriginOnly',
      siteType: 'Visualforce',
      siteAdmin: 'a@acme.com',
      siteGuestRecordDefaultOwner: 'b@acme.com',
    });
    expect(site.fullName).to.equal('VoiceConnector');
    expect(() => toWire('CustomSite', site.fields)).to.not.throw();
  });

  it("keeps an existing site's own choices for the settings the guide leaves at their defaults", async () => {
    const existing = {
      ...site.fields,
      allowStandardSearch: true,
      browserXssProtection: false,
      guestProfile: 'VoiceConnector Profile',
    };
    const [item] = await plan([site], { readMetadata: async () => [{ exists: true, fields: existing }] } as never);
    expect(item.action).to.equal('unchanged');
    expect(site.createOnlyFields).to.have.members(Object.keys(NEW_SITE_DEFAULTS));
  });

  it('plans an update of a guide setting an admin changed', async () => {
    const [item] = await plan([site], {
      readMetadata: async () => [{ exists: true, fields: { ...site.fields, indexPage: 'Home' } }],
    } as never);
    expect(item.changes).to.deep.equal([{ field: 'indexPage', current: 'Home', desired: 'SiteLogin' }]);
  });
});

describe('guide: permission sets by label', () => {
  const set = (id: string, label: string, namespacePrefix?: string) => ({
    id,
    name: `N${id}`,
    label,
    ...(namespacePrefix ? { namespacePrefix } : {}),
  });

  it('prefers the set an installed package brings over an unpackaged clone', () => {
    const choice = choosePermissionSet('Voice Connector Permission', [
      set('1', 'Voice Connector Permission'),
      set('2', 'Voice Connector Permission', 'vcon'),
    ]);
    expect(choice).to.deep.include({ kind: 'found' });
    expect(choice.kind === 'found' && choice.set.id).to.equal('2');
  });

  it('takes the only unpackaged set, refuses two, and reports a missing label', () => {
    expect(choosePermissionSet('A', [set('1', 'A')]).kind).to.equal('found');
    const two = choosePermissionSet('A', [set('1', 'A'), set('2', 'a')]);
    expect(two.kind).to.equal('ambiguous');
    expect(two.kind === 'ambiguous' && two.candidates.map((c) => c.id)).to.deep.equal(['1', '2']);
    expect(choosePermissionSet('A', [set('1', 'B')])).to.deep.equal({ kind: 'missing', label: 'A' });
    expect(choosePermissionSet('A', [set('1', 'A', 'x'), set('2', 'A', 'y')]).kind).to.equal('ambiguous');
  });

  it('writes and reads namespace-qualified API names', () => {
    expect(qualifiedName({ name: 'P', namespacePrefix: 'ns' })).to.equal('ns__P');
    expect(parseQualifiedName('ns__P')).to.deep.equal({ namespacePrefix: 'ns', name: 'P' });
    expect(parseQualifiedName('Plain')).to.deep.equal({ name: 'Plain' });
  });

  it('assigns each set to the guest user as a create-only record', () => {
    const [a] = guestUserPermissions({ id: '005G', name: 'Guest' }, [{ id: '0PS1', name: 'P', label: 'L' }]);
    expect(a).to.deep.include({
      sobject: 'PermissionSetAssignment',
      match: { AssigneeId: '005G', PermissionSetId: '0PS1' },
      fields: {},
    });
    expect(GUEST_PERMISSION_SET_LABELS).to.deep.equal([
      'Voice Connector Permission',
      'Conversation Insights Integration User',
    ]);
  });
});

describe('guide: integration user', () => {
  const locale = {
    TimeZoneSidKey: 'GMT',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
  };

  it('compares only the profile and Active; names, email and locale are create-only', () => {
    const u = integrationUser({
      username: 'i@acme.com',
      email: 'a@acme.com',
      firstName: 'ECI',
      lastName: 'Integration',
      profileId: '00e1',
      locale,
    });
    expect(u.match).to.deep.equal({ Username: 'i@acme.com' });
    expect(u.fields).to.include({ ProfileId: '00e1', IsActive: true, Email: 'a@acme.com', Alias: 'EIntegra' });
    expect(u.createOnlyFields).to.not.include.members(['ProfileId', 'IsActive']);
    expect(u.createOnlyFields).to.include.members(['Email', 'LastName', 'Alias', 'TimeZoneSidKey']);
  });

  it('makes an alias of at most 8 characters', () => {
    expect(userAlias('Ann', 'Van Der Berg')).to.equal('AVanDerB');
    expect(userAlias(undefined, 'X')).to.equal('X');
  });
});

describe('step: VoiceConnector site', () => {
  it('creates the site with the current user as contact and owner, and gives its URL', async () => {
    const org = eciOrg();
    const outcome = await VoiceConnectorSiteStep.execute({}, org.ctx());
    expect(outcome.components.map((c) => [c.type, c.name, c.status])).to.deep.equal([
      ['CustomSite', 'VoiceConnector', 'created'],
    ]);
    expect(org.writes[0].sent).to.include({
      siteAdmin: 'admin@acme.com',
      siteGuestRecordDefaultOwner: 'admin@acme.com',
    });
    expect(outcome.details.siteUrl).to.equal('https://acme.my.salesforce-sites.com');
  });

  it("uses the org's spelling of a username given in other casing", async () => {
    const org = eciOrg();
    const outcome = await VoiceConnectorSiteStep.execute({ siteContact: 'ADMIN@acme.com' }, org.ctx());
    expect(outcome.details.recordOwner).to.equal('admin@acme.com');
  });

  const otherRoot = { Id: '0DM000000000007AAA', Name: 'Partners', Status: 'Active', UrlPathPrefix: null };

  it("when another site has the domain's root, says so before writing, naming --url-path-prefix", async () => {
    const org = eciOrg();
    org.sites.push(otherRoot);
    const error = await refusal(VoiceConnectorSiteStep.execute({}, org.ctx(true)));
    expect(error.name).to.equal('RootSiteTakenError');
    expect(error.message).to.include('"Partners"');
    expect(error.actions?.join(' ')).to.include('--url-path-prefix voiceconnector');
    expect(org.writes).to.have.length(0);
    // An inactive root site does not hold the root.
    const inactive = eciOrg();
    inactive.sites.push({ ...otherRoot, Status: 'Inactive' });
    expect((await VoiceConnectorSiteStep.execute({}, inactive.ctx())).components[0].status).to.equal('created');
  });

  it("with --url-path-prefix makes the site under it, and a re-run without the flag keeps the site's own prefix", async () => {
    const org = eciOrg();
    org.sites.push(otherRoot);
    const outcome = await VoiceConnectorSiteStep.execute({ urlPathPrefix: 'voiceconnector' }, org.ctx());
    expect(outcome.components[0].status).to.equal('created');
    expect(org.writes[0].sent).to.include({ urlPathPrefix: 'voiceconnector' });
    expect(outcome.details).to.include({
      urlPathPrefix: 'voiceconnector',
      siteUrl: 'https://acme.my.salesforce-sites.com/voiceconnector',
    });
    const again = await VoiceConnectorSiteStep.execute({}, org.ctx());
    expect(again.components[0].status).to.equal('unchanged');
    expect(again.details.urlPathPrefix).to.equal('voiceconnector');
  });

  it('refuses a prefix another site already uses, before writing', async () => {
    const org = eciOrg();
    org.sites.push({ ...otherRoot, UrlPathPrefix: 'VoiceConnector' });
    const error = await refusal(VoiceConnectorSiteStep.execute({ urlPathPrefix: 'voiceconnector' }, org.ctx()));
    expect(error.name).to.equal('UrlPathPrefixTakenError');
    expect(error.actions?.join(' ')).to.include('--url-path-prefix voiceconnector_eci');
    expect(org.writes).to.have.length(0);
  });

  it('checks --url-path-prefix as Salesforce does: letters, digits, underscores; a leading "/" is dropped', () => {
    expect(optionalUrlPathPrefix(undefined)).to.equal(undefined);
    expect(optionalUrlPathPrefix(' /voice_connector2 ')).to.equal('voice_connector2');
    for (const bad of ['', '/', 'voice-connector', 'voice connector', 'a/b', 'vc.1']) {
      expect(() => optionalUrlPathPrefix(bad), bad)
        .to.throw(SfError)
        .with.property('name', 'InvalidUrlPathPrefixError');
    }
  });

  const cases: Array<[string, (o: FakeVoiceOrg) => void, Record<string, string>, string, RegExp]> = [
    [
      'Sites not enabled',
      (o) => (o.sitesEnabled = false),
      {},
      'SitesNotEnabledError',
      /Register My Salesforce Site Domain/,
    ],
    ['no SiteLogin page', (o) => (o.pages = []), {}, 'NoSiteLoginPageError', /Visualforce page named SiteLogin/],
    ['an unknown site contact', () => {}, { siteContact: 'nobody@acme.com' }, 'UnknownUserError', /--site-contact/],
    [
      'an inactive record owner',
      (o) => o.users.push({ Id: '005000000000002AAA', Username: 'old@acme.com', Name: 'Old', IsActive: false }),
      { recordOwner: 'old@acme.com' },
      'InactiveUserError',
      /--record-owner/,
    ],
  ];
  for (const [what, arrange, inputs, name, action] of cases) {
    it(`stops before writing on ${what}, with the action`, async () => {
      const org = eciOrg();
      arrange(org);
      const error = await refusal(VoiceConnectorSiteStep.execute(inputs, org.ctx()));
      expect(error.name).to.equal(name);
      expect(error.actions?.join('\n')).to.match(action);
      expect(org.writes).to.have.length(0);
    });
  }
});

describe('step: guest user permissions', () => {
  async function withSite(): Promise<FakeVoiceOrg> {
    const org = eciOrg();
    await VoiceConnectorSiteStep.execute({}, org.ctx());
    org.writes = [];
    return org;
  }

  it('assigns the two guide sets to the guest user found through the site; a re-run is unchanged', async () => {
    const org = await withSite();
    const first = await GuestUserPermissionsStep.execute({}, org.ctx());
    expect(first.components.map((c) => c.status)).to.deep.equal(['created', 'created']);
    expect(org.assignments.map((a) => [a.AssigneeId, a.PermissionSetId])).to.deep.equal([
      ['005000000000009AAA', VC.Id],
      ['005000000000009AAA', CIIU.Id],
    ]);
    const again = await GuestUserPermissionsStep.execute({}, org.ctx());
    expect(again.components.map((c) => c.status)).to.deep.equal(['unchanged', 'unchanged']);
    expect(org.writes).to.have.length(2);
  });

  it('refuses when there is no site, or its guest user is inactive', async () => {
    expect((await refusal(GuestUserPermissionsStep.execute({}, eciOrg().ctx()))).name).to.equal('NoSiteError');
    const org = await withSite();
    org.users.find((u) => u.UserType === 'Guest')!.IsActive = false;
    const error = await refusal(GuestUserPermissionsStep.execute({}, org.ctx()));
    expect(error.name).to.equal('GuestUserInactiveError');
    expect(error.actions?.join(' ')).to.include('Public Access Settings');
  });

  it('says the app is probably not installed when a label is not found', async () => {
    const org = await withSite();
    org.permissionSets = org.permissionSets.filter((p) => p !== VC);
    const error = await refusal(GuestUserPermissionsStep.execute({}, org.ctx()));
    expect(error.name).to.equal('PermissionSetNotFoundError');
    expect(error.message)
      .to.include('"Voice Connector Permission"')
      .and.include('probably not installed or not licensed');
  });

  it('refuses two sets with the same label, listing them and a ready --permission-set example', async () => {
    const org = await withSite();
    org.permissionSets.push({ ...CIIU, Id: '0PS000000000005AAA', Name: 'CIIU_Copy' });
    const error = await refusal(GuestUserPermissionsStep.execute({}, org.ctx()));
    expect(error.name).to.equal('PermissionSetAmbiguousError');
    expect(error.message)
      .to.include('CIIU_Copy (no package)')
      .and.include('ConversationInsightsIntegrationUser (no package)');
    expect(error.actions?.[0]).to.include(
      '--permission-set vcon__VoiceConnectorPermission --permission-set <CIIU_Copy or ConversationInsightsIntegrationUser>',
    );
    expect(org.writes).to.have.length(0);
  });

  it('assigns exactly the sets named with --permission-set, and refuses an unknown name', async () => {
    const org = await withSite();
    org.permissionSets.push({ ...CIIU, Id: '0PS000000000005AAA', Name: 'CIIU_Copy' });
    const outcome = await GuestUserPermissionsStep.execute(
      { permissionSets: ['vcon__VoiceConnectorPermission', 'CIIU_Copy'] },
      org.ctx(),
    );
    expect(outcome.details.permissionSets.map((s) => s.name)).to.deep.equal([
      'vcon__VoiceConnectorPermission',
      'CIIU_Copy',
    ]);
    const error = await refusal(GuestUserPermissionsStep.execute({ permissionSets: ['Nope'] }, org.ctx()));
    expect(error.name).to.equal('PermissionSetNameNotFoundError');
  });
});

describe('step: integration user', () => {
  it('creates the user with System Administrator and the locale of the running user, then assigns both sets', async () => {
    const org = eciOrg();
    const outcome = await IntegrationUserStep.execute({ username: 'eci@acme.com', email: 'admin@acme.com' }, org.ctx());
    expect(outcome.components.map((c) => [c.type, c.status])).to.deep.equal([
      ['User', 'created'],
      ['PermissionSetAssignment', 'created'],
      ['PermissionSetAssignment', 'created'],
    ]);
    const created = org.users.find((u) => u.Username === 'eci@acme.com')!;
    expect(created).to.include({
      ProfileId: '00e000000000001AAA',
      IsActive: true,
      Email: 'admin@acme.com',
      TimeZoneSidKey: 'Europe/Paris',
    });
    expect(org.assignments.map((a) => a.PermissionSetId)).to.deep.equal([CIIU.Id, ECI.Id]);
    expect(outcome.nextSteps[0].detail).to.include('sf org login web --instance-url https://acme.my.salesforce.com');
    const again = await IntegrationUserStep.execute({ username: 'eci@acme.com' }, org.ctx());
    expect(again.components.every((c) => c.status === 'unchanged')).to.equal(true);
  });

  it('plans the assignments in a dry run without writing', async () => {
    const org = eciOrg();
    const outcome = await IntegrationUserStep.execute(
      { username: 'eci@acme.com', email: 'admin@acme.com' },
      org.ctx(true),
    );
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['planned', 'planned', 'planned']);
    expect(org.writes).to.have.length(0);
  });

  it('needs an email to create, and checks API Enabled and Voice Call access before writing', async () => {
    expect((await refusal(IntegrationUserStep.execute({ username: 'eci@acme.com' }, eciOrg().ctx()))).name).to.equal(
      'EmailNeededError',
    );
    const noVoice = eciOrg();
    noVoice.objectPermissions = [];
    expect(
      (await refusal(IntegrationUserStep.execute({ username: 'eci@acme.com', email: 'a@acme.com' }, noVoice.ctx())))
        .name,
    ).to.equal('NoVoiceCallAccessError');
    const noApi = eciOrg();
    noApi.permissionSets = noApi.permissionSets.map((p) => ({ ...p, PermissionsApiEnabled: false }));
    expect(
      (await refusal(IntegrationUserStep.execute({ username: 'eci@acme.com', email: 'a@acme.com' }, noApi.ctx()))).name,
    ).to.equal('ApiNotEnabledError');
    expect(noVoice.writes.length + noApi.writes.length).to.equal(0);
  });

  it('takes the ECI access set the org has, the first in the documented order, never a set labelled "Einstein Conversation Insights"', async () => {
    expect(ECI_ACCESS_PERMISSION_SET_LABELS).to.deep.equal([
      'Conversation Insights for Sales',
      'Sales Engagement Conversation Insights',
      'Einstein Conversation Insights Included',
      'Einstein Conversation Insights Standard',
      'Sales Cloud Bundle Included',
      'Conversation Insights for Service',
    ]);
    const org = eciOrg();
    const SERVICE = {
      ...ECI,
      Id: '0PS000000000006AAA',
      Name: 'ConversationInsightsForService',
      Label: 'Conversation Insights for Service',
    };
    const SALES = {
      ...ECI,
      Id: '0PS000000000007AAA',
      Name: 'ConversationInsightsForSales',
      Label: 'Conversation Insights for Sales',
    };
    const GUESSED = {
      ...ECI,
      Id: '0PS000000000008AAA',
      Name: 'EinsteinConversationInsights',
      Label: 'Einstein Conversation Insights',
    };
    org.permissionSets.push(SERVICE, SALES, GUESSED);
    const outcome = await IntegrationUserStep.execute(
      { username: 'eci@acme.com', email: 'admin@acme.com' },
      org.ctx(true),
    );
    expect(outcome.details.permissionSets.map((s) => s.label)).to.deep.equal([
      'Conversation Insights Integration User',
      'Conversation Insights for Sales',
    ]);
    const included = eciOrg();
    included.permissionSets.push(SERVICE);
    const second = await IntegrationUserStep.execute(
      { username: 'eci@acme.com', email: 'admin@acme.com' },
      included.ctx(true),
    );
    expect(second.details.permissionSets.map((s) => s.name)).to.deep.equal([
      'ConversationInsightsIntegrationUser',
      'EinsteinConversationInsightsIncluded',
    ]);
  });

  it('with no ECI access set in the org, names every documented label before writing; --permission-set still overrides', async () => {
    const org = eciOrg();
    org.permissionSets = org.permissionSets.filter((p) => p.Id !== ECI.Id);
    org.permissionSets.push({
      ...ECI,
      Id: '0PS000000000008AAA',
      Name: 'EinsteinConversationInsights',
      Label: 'Einstein Conversation Insights',
    });
    const error = await refusal(
      IntegrationUserStep.execute({ username: 'eci@acme.com', email: 'admin@acme.com' }, org.ctx()),
    );
    expect(error.name).to.equal('EciAccessPermissionSetNotFoundError');
    for (const label of ECI_ACCESS_PERMISSION_SET_LABELS) expect(error.message).to.include(`"${label}"`);
    expect(error.actions?.join(' ')).to.include('--permission-set');
    expect(org.writes).to.have.length(0);
    const named = await IntegrationUserStep.execute(
      {
        username: 'eci@acme.com',
        email: 'admin@acme.com',
        permissionSets: ['ConversationInsightsIntegrationUser', 'EinsteinConversationInsights'],
      },
      org.ctx(true),
    );
    expect(named.details.permissionSets.map((s) => s.name)).to.deep.equal([
      'ConversationInsightsIntegrationUser',
      'EinsteinConversationInsights',
    ]);
  });

  it('skips the assignments when the user could not be created', async () => {
    const org = eciOrg();
    org.refuseRecord = (c) =>
      c.sobject === 'User'
        ? { success: false, statusCode: 'DUPLICATE_USERNAME', message: 'Duplicate Username.' }
        : undefined;
    const outcome = await IntegrationUserStep.execute({ username: 'eci@acme.com', email: 'a@acme.com' }, org.ctx());
    expect(outcome.components.map((c) => c.status)).to.deep.equal(['failed', 'skipped', 'skipped']);
  });
});

describe('known failures (the refusal catalogue, applied by the engine)', () => {
  /** The result the engine makes of a refused create, as a step command's result. */
  async function refused(
    component: RecordComponent,
    error: { statusCode?: string; message: string },
  ): Promise<{ components: ComponentResult[] }> {
    const org = { upsertRecord: async () => ({ success: false, ...error }) } as unknown as Parameters<typeof apply>[1];
    return { components: await apply([{ component, current: { exists: false }, action: 'create', changes: [] }], org) };
  }
  const user: RecordComponent = {
    kind: 'record',
    sobject: 'User',
    name: 'eci@acme.com',
    label: 'integration user',
    match: { Username: 'eci@acme.com' },
    fields: {},
  };
  const assignment: RecordComponent = {
    kind: 'record',
    sobject: 'PermissionSetAssignment',
    name: 'P → Guest',
    label: 'assignment',
    match: { AssigneeId: '005x', PermissionSetId: '0PSx' },
    fields: {},
  };

  it('names a username taken in another org, with another username to try', async () => {
    const result = await refused(user, { statusCode: 'DUPLICATE_USERNAME', message: 'Duplicate Username.' });
    try {
      throwIfFailed(result);
      expect.fail('no error');
    } catch (error) {
      const e = error as SfError;
      expect(e.name).to.equal('UsernameTakenError');
      expect(e.message).to.include('another Salesforce org').and.include('Duplicate Username.');
      expect(e.actions?.[0]).to.include('eci.eci@acme.com');
      expect(e.data).to.equal(result);
    }
  });

  it("reports a licence mismatch with the platform's message", async () => {
    const result = await refused(assignment, {
      statusCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: "The user license doesn't match",
    });
    expect(() => throwIfFailed(result)).to.throw(
      /Guest because of its user license: FIELD_INTEGRITY_EXCEPTION: The user license doesn't match/,
    );
  });

  it('leaves other failures to the generic error', async () => {
    const result = await refused(user, { message: 'boom' });
    expect(() => throwIfFailed(result))
      .to.throw(SfError)
      .with.property('name', 'ComponentsFailedError');
  });
});

describe('validate users', () => {
  it('accepts username-like values and refuses others before any call', () => {
    expect(validateUsername(' a.b@acme.com ', 'username')).to.equal('a.b@acme.com');
    expect(() => validateUsername('admin', 'site-contact')).to.throw(/--site-contact/);
    expect(validateEmail('x@y.io')).to.equal('x@y.io');
    expect(() => validateEmail('x@y')).to.throw(/not a valid email/);
  });
});
