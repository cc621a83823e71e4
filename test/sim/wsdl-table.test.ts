import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { buildTable, serializeTable, ROOT_TYPES } from '../../scripts/gen-wsdl-types.js';
import { WSDL, decodeFromJs } from './validate.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Salesforce's Metadata API WSDL v66, where the machine has it (it is not in the repository): see gen-wsdl-types.ts.
const WSDL_PATH = process.env.METADATA_WSDL ?? '';
const TABLE_PATH = join(REPO_ROOT, 'test', 'sim', 'wsdl', 'metadata-types.json');

describe('sim: WSDL-derived type table', () => {
  it('covers every root type and is API 66.0', () => {
    expect(WSDL.version).to.equal('66.0');
    for (const t of ROOT_TYPES) expect(WSDL.complexTypes, t).to.have.property(t);
  });

  it('resolves extension bases: Metadata gives fullName first, MetadataWithContent adds content', () => {
    const ap = WSDL.complexTypes.AuthProvider;
    expect(ap.base).to.equal('Metadata');
    expect(ap.elements.slice(0, 2).map((e) => e.name)).to.deep.equal(['fullName', 'module']);
    expect(WSDL.complexTypes.ApexPage.elements.slice(0, 3).map((e) => e.name)).to.deep.equal([
      'fullName',
      'module',
      'content',
    ]);
  });

  it('records name, type, occurrence and nillable in WSDL order', () => {
    const el = (t: string, n: string): unknown => WSDL.complexTypes[t].elements.find((e) => e.name === n);
    expect(el('AuthProvider', 'friendlyName')).to.deep.equal({
      name: 'friendlyName',
      type: 'xsd:string',
      minOccurs: 1,
      maxOccurs: 1,
      nillable: false,
    });
    expect(el('AuthProvider', 'providerType')).to.deep.equal({
      name: 'providerType',
      type: 'tns:AuthProviderType',
      minOccurs: 1,
      maxOccurs: 1,
      nillable: false,
    });
    expect(el('AuthProvider', 'paramForwardAllowlist')).to.deep.include({ maxOccurs: 'unbounded', nillable: true });
    const names = WSDL.complexTypes.AuthProvider.elements.map((e) => e.name);
    expect(names.indexOf('consumerKey')).to.be.lessThan(names.indexOf('consumerSecret'));
    expect(names.indexOf('sendSecretInApis')).to.be.lessThan(names.indexOf('tokenUrl'));
  });

  it('includes types reachable from ConnectedApp and CustomSite, with enums', () => {
    expect(WSDL.complexTypes).to.include.keys('ConnectedAppOauthConfig', 'ConnectedAppOauthPolicy', 'SiteWebAddress');
    expect(WSDL.simpleTypes.ConnectedAppOauthAccessScope.enum).to.include.members([
      'Api',
      'Web',
      'RefreshToken',
      'Content',
    ]);
    expect(WSDL.simpleTypes.SiteClickjackProtectionLevel.enum).to.include('SameOriginOnly');
    expect(WSDL.simpleTypes.StatusCode.enum).to.include.members([
      'REQUIRED_FIELD_MISSING',
      'DUPLICATE_DEVELOPER_NAME',
      'FIELD_INTEGRITY_EXCEPTION',
    ]);
    const required = WSDL.complexTypes.CustomSite.elements.filter((e) => e.minOccurs > 0).map((e) => e.name);
    expect(required).to.have.length(13); // FACTS §1
  });

  it('the validator uses it: a guide Connected App shape decodes, a wrong enum spelling does not', () => {
    const app = decodeFromJs('ConnectedApp', {
      fullName: 'ECI_Connected_App',
      contactEmail: 'admin@sim.example',
      label: 'ECI Connected App',
      oauthConfig: {
        callbackUrl: 'https://x/services/authcallback/ECI_Auth_Provider',
        isAdminApproved: true,
        scopes: ['Content', 'Api', 'Web', 'RefreshToken'],
      },
      oauthPolicy: { ipRelaxation: 'BYPASS', refreshTokenPolicy: 'specific_lifetime:365:DAYS' },
    });
    expect((app.oauthConfig as { scopes: string[] }).scopes).to.deep.equal(['Content', 'Api', 'Web', 'RefreshToken']);
    expect(() =>
      decodeFromJs('ConnectedApp', {
        fullName: 'X',
        contactEmail: 'a@b.c',
        label: 'X',
        oauthConfig: { callbackUrl: 'u', scopes: ['api'] },
      }),
    ).to.throw("'api' is not a valid value for the enum 'ConnectedAppOauthAccessScope'");
  });

  (WSDL_PATH && existsSync(WSDL_PATH) ? it : it.skip)(
    'the committed JSON is what the generator makes from the WSDL (regenerate if this fails)',
    () => {
      const fresh = serializeTable(buildTable(readFileSync(WSDL_PATH, 'utf8'), WSDL.source));
      expect(fresh === readFileSync(TABLE_PATH, 'utf8'), 'run: npm run gen:wsdl').to.equal(true);
    },
  );
});
