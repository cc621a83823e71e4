import { expect } from 'chai';
import {
  checkPrerequisites,
  isMyDomainUrl,
  prerequisitesOf,
  STEP_PREREQUISITES,
  USER_PERMISSION_FIELDS,
} from '../../src/guide/prerequisites.js';
import { GUIDE_ORDER } from '../../src/steps/index.js';

const ALL_GRANTED = Object.fromEntries(USER_PERMISSION_FIELDS.map((f) => [f, true])) as Record<
  (typeof USER_PERMISSION_FIELDS)[number],
  boolean
>;
const MY_DOMAIN = 'https://acme.my.salesforce.com';

describe('guide: prerequisites', () => {
  it('every guide step declares its prerequisites; configure checks the union, each once, in order', () => {
    for (const id of GUIDE_ORDER) expect(STEP_PREREQUISITES[id], id).to.not.equal(undefined);
    expect(prerequisitesOf(['ringcentral-auth-provider'])).to.deep.equal([
      'my-domain',
      'metadata-api-permission',
      'customize-application-permission',
    ]);
    const union = prerequisitesOf(GUIDE_ORDER);
    expect(union).to.have.length(new Set(union).size);
    expect(union).to.include.members([
      'voice-connector-app',
      'sites-enabled',
      'site-login-page',
      'manage-users-permission',
    ]);
  });

  it('My Domain: the documented host forms pass; an instance host without My Domain does not', () => {
    for (const url of [
      MY_DOMAIN,
      'https://acme--uat.sandbox.my.salesforce.com',
      'https://acme-dev-ed.develop.my.salesforce.com',
      'https://fun-company-1234.scratch.my.salesforce.com',
      'http://127.0.0.1:4321',
      'https://crm.acme.example',
    ])
      expect(isMyDomainUrl(url), url).to.equal(true);
    for (const url of [
      'https://na123.salesforce.com',
      'https://acme.lightning.force.com',
      'https://cs42.salesforce.com',
    ])
      expect(isMyDomainUrl(url), url).to.equal(false);
  });

  it('each missing prerequisite has what was found, what to do and its Setup URL; met ones have none', () => {
    const checks = checkPrerequisites(['my-domain', 'metadata-api-permission', 'manage-users-permission'], {
      myDomainUrl: 'https://na123.salesforce.com',
      userPermissions: { ...ALL_GRANTED, PermissionsModifyAllData: false, PermissionsManageUsers: false },
    });
    const [domain, metadata, users] = checks;
    expect(domain).to.include({
      status: 'missing',
      setupUrl: 'https://na123.salesforce.com/lightning/setup/OrgDomain/home',
    });
    expect(domain.action).to.include(domain.setupUrl);
    // Modify Metadata alone is enough for the Metadata API.
    expect(metadata.status).to.equal('met');
    expect(metadata.action).to.equal(undefined);
    expect(users.status).to.equal('missing');
    expect(users.detail).to.include('Manage Users');
  });

  it('a read that was not made (absent fact) is not a missing prerequisite', () => {
    const checks = checkPrerequisites(['sites-enabled', 'voice-connector-app'], { myDomainUrl: MY_DOMAIN });
    expect(checks.map((c) => c.status)).to.deep.equal(['met', 'met']);
  });
});
