import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { Connection as JsforceConnection } from '@jsforce/jsforce-node';
import type { SimulatedOrg } from './index.js';
import { md, rejection, ringCentralAuthProvider, salesforceAuthProvider, soapRaw, startConnected } from './helpers.js';

/** The RingCentral provider with paramForwardAllowlist at its WSDL place (before providerType). */
function withAllowlist(allowlist: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ringCentralAuthProvider())) {
    if (k === 'providerType') out.paramForwardAllowlist = allowlist;
    out[k] = v;
  }
  return out;
}

describe('sim: SOAP Metadata API', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
  });
  afterEach(async () => {
    await org.stop();
  });

  describe('round trip', () => {
    it('upsert creates, read returns typed values, list and delete work', async () => {
      const [created] = await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      expect(created).to.deep.equal({ created: true, fullName: 'Ring_Central', success: true, errors: [] });

      const read = await md(conn).readOne('AuthProvider', 'Ring_Central');
      expect(read.fullName).to.equal('Ring_Central');
      expect(read.providerType).to.equal('OpenIdConnect');
      expect(read.friendlyName).to.equal('Ring Central');
      expect(read.sendClientCredentialsInHeader).to.equal(true); // jsforce casts the fields its schema knows
      expect(read.sendAccessTokenInHeader).to.equal(false);

      const listed = await md(conn).list([{ type: 'AuthProvider' }]);
      expect(listed.map((p) => p.fullName)).to.deep.equal(['Ring_Central']);
      expect(listed[0]).to.include({
        type: 'AuthProvider',
        fileName: 'authproviders/Ring_Central.authprovider',
        manageableState: 'unmanaged',
      });
      expect(String(listed[0].id)).to.match(/^0SO[0-9A-Za-z]{15}$/);

      const [deleted] = await md(conn).delete('AuthProvider', ['Ring_Central']);
      expect(deleted).to.include({ fullName: 'Ring_Central', success: true });
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
      expect(await md(conn).list([{ type: 'AuthProvider' }])).to.deep.equal([]);
    });

    it('a second upsert of the same name answers created=false', async () => {
      await md(conn).upsert('AuthProvider', [ringCentralAuthProvider()]);
      const [again] = await md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ friendlyName: 'RC' })]);
      expect(again).to.include({ created: false, success: true });
      expect(org.getMetadata('AuthProvider', 'Ring_Central')?.friendlyName).to.equal('RC');
    });

    it('stores typed JS: booleans as booleans, repeated elements as arrays', async () => {
      await md(conn).upsert('AuthProvider', [withAllowlist([{ param: 'state' }])]);
      const stored = org.getMetadata('AuthProvider', 'Ring_Central')!;
      expect(stored.sendSecretInApis).to.equal(true);
      expect(stored.paramForwardAllowlist).to.deep.equal([{ param: 'state' }]);
      expect(Object.keys(stored).indexOf('authorizeUrl')).to.be.lessThan(Object.keys(stored).indexOf('tokenUrl'));
    });

    it('readMetadata of a missing name gives a record without fullName (xsi:nil), not a fault', async () => {
      const missing = await md(conn).readOne('AuthProvider', 'Nope');
      expect(missing).to.not.have.property('fullName');
      const raw = await soapRaw(
        org,
        '<readMetadata><type>AuthProvider</type><fullNames>Nope</fullNames></readMetadata>',
      );
      expect(raw.status).to.equal(200);
      expect(raw.text).to.contain('<records xsi:nil="true"/>');
    });

    it('readMetadata answers one record per name, in order', async () => {
      await md(conn).upsert('AuthProvider', [salesforceAuthProvider('A'), salesforceAuthProvider('B')]);
      const recs = await md(conn).read('AuthProvider', ['B', 'Nope', 'A']);
      expect(recs.map((r) => r.fullName)).to.deep.equal(['B', undefined, 'A']);
    });

    it('createMetadata of an existing name and updateMetadata of a missing one fail per component', async () => {
      await md(conn).create('AuthProvider', [salesforceAuthProvider('A')]);
      const [dup] = await md(conn).create('AuthProvider', [salesforceAuthProvider('A')]);
      expect(dup.success).to.equal(false);
      expect(dup.errors[0].statusCode).to.equal('DUPLICATE_DEVELOPER_NAME');
      const [missing] = await md(conn).update('AuthProvider', [salesforceAuthProvider('Zed')]);
      expect(missing.success).to.equal(false);
      expect(missing.errors[0].statusCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
      expect(missing.errors[0].message).to.equal('In field: fullName - no AuthProvider named Zed found');
    });

    it('deleteMetadata of a missing name fails per component', async () => {
      const [r] = await md(conn).delete('AuthProvider', ['Nope']);
      expect(r.success).to.equal(false);
      expect(r.errors[0].statusCode).to.equal('INVALID_CROSS_REFERENCE_KEY');
    });

    it('a fullName that is not a developer name fails per component', async () => {
      const [r] = await md(conn).upsert('AuthProvider', [salesforceAuthProvider('Ring Central')]);
      expect(r.success).to.equal(false);
      expect(r.errors[0].statusCode).to.equal('FIELD_INTEGRITY_EXCEPTION');
      expect(r.errors[0].fields).to.deep.equal(['fullName']);
    });

    it('describeMetadata lists the supported types', async () => {
      const d = (await conn.metadata.describe()) as unknown as {
        metadataObjects: Array<{ xmlName: string; directoryName: string }>;
      };
      expect(d.metadataObjects.find((o) => o.xmlName === 'AuthProvider')?.directoryName).to.equal('authproviders');
    });
  });

  describe('WSDL validation', () => {
    it('unknown element -> soapenv:Client fault in Salesforce words, nothing stored', async () => {
      const e = await rejection(md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ foo: 'x' })]));
      expect(e.errorCode).to.equal('soapenv:Client');
      expect(e.message).to.equal(
        'Element {http://soap.sforce.com/2006/04/metadata}foo invalid at this location in type AuthProvider',
      );
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });

    it('element names are case sensitive', async () => {
      const { providerType, ...rest } = ringCentralAuthProvider();
      const e = await rejection(md(conn).upsert('AuthProvider', [{ ...rest, ProviderType: providerType }]));
      expect(e.message).to.contain('}ProviderType invalid at this location in type AuthProvider');
    });

    it('element out of WSDL sequence order -> fault naming the element', async () => {
      const { fullName, friendlyName, providerType } = ringCentralAuthProvider();
      const e = await rejection(md(conn).upsert('AuthProvider', [{ fullName, providerType, friendlyName }]));
      expect(e.errorCode).to.equal('soapenv:Client');
      expect(e.message).to.equal(
        'Element {http://soap.sforce.com/2006/04/metadata}friendlyName invalid at this location in type AuthProvider',
      );
    });

    it('invalid enum value -> fault', async () => {
      const e = await rejection(
        md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ providerType: 'OpenIDConnect' })]),
      );
      expect(e.message).to.equal("'OpenIDConnect' is not a valid value for the enum 'AuthProviderType'");
    });

    it('non-boolean for xsd:boolean -> fault', async () => {
      const e = await rejection(
        md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ sendSecretInApis: 'yes' })]),
      );
      expect(e.message).to.equal("'yes' is not a valid value for the type xsd:boolean");
    });

    it('an undefined value (jsforce sends the text "undefined") is caught on a boolean', async () => {
      const e = await rejection(
        md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ sendSecretInApis: undefined })]),
      );
      expect(e.message).to.equal("'undefined' is not a valid value for the type xsd:boolean");
    });

    it('repeated element with maxOccurs 1 -> fault', async () => {
      const e = await rejection(
        md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ friendlyName: ['A', 'B'] })]),
      );
      expect(e.message).to.equal(
        'Element {http://soap.sforce.com/2006/04/metadata}friendlyName invalid at this location in type AuthProvider',
      );
    });

    it('xsi:nil on a non-nillable element -> fault', async () => {
      const e = await rejection(md(conn).upsert('AuthProvider', [ringCentralAuthProvider({ consumerKey: null })]));
      expect(e.errorCode).to.equal('soapenv:Client');
      expect(e.message).to.contain('}consumerKey is not nillable in type AuthProvider');
    });

    it('nested complex types are validated too (unknown element inside paramForwardAllowlist)', async () => {
      const e = await rejection(md(conn).upsert('AuthProvider', [withAllowlist([{ name: 'x' }])]));
      expect(e.message).to.equal(
        'Element {http://soap.sforce.com/2006/04/metadata}name invalid at this location in type AuthProvParamFwdAllowlist',
      );
    });

    it('missing required element -> per-component REQUIRED_FIELD_MISSING, HTTP 200', async () => {
      const { friendlyName: _omit, ...rest } = ringCentralAuthProvider();
      const [r] = await md(conn).upsert('AuthProvider', [rest]);
      expect(r).to.deep.equal({
        created: false,
        fullName: 'Ring_Central',
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required field is missing: friendlyName',
            fields: ['friendlyName'],
            extendedErrorDetails: [],
          },
        ],
      });
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });

    it('missing required element inside a nested type is reported too', async () => {
      const [r] = await md(conn).upsert('AuthProvider', [withAllowlist([{ description: 'no param' }])]);
      expect(r.success).to.equal(false);
      expect(r.errors[0]).to.include({
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required field is missing: param',
      });
    });

    it('a schema fault in one component fails the whole call before any write', async () => {
      const e = await rejection(
        md(conn).upsert('AuthProvider', [
          salesforceAuthProvider('Good'),
          salesforceAuthProvider('Bad', { providerType: 'Nope' }),
        ]),
      );
      expect(e.errorCode).to.equal('soapenv:Client');
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
    });

    it('a metadata element without xsi:type is a fault', async () => {
      const raw = await soapRaw(org, '<upsertMetadata><metadata><fullName>X</fullName></metadata></upsertMetadata>');
      expect(raw.status).to.equal(500);
      expect(raw.text).to.contain('<faultcode>soapenv:Client</faultcode>');
    });

    it('a type missing from the WSDL table is a clear simulator fault', async () => {
      const e = await rejection(md(conn).readOne('PermissionSet', 'X'));
      expect(e.message).to.contain("metadata type 'PermissionSet' is not in test/sim/wsdl/metadata-types.json");
    });
  });

  describe('limits and session', () => {
    it('more than 10 components in a CRUD call -> sf:EXCEEDED_ID_LIMIT fault; 10 is fine', async () => {
      const eleven = Array.from({ length: 11 }, (_, i) => salesforceAuthProvider(`P${i}`));
      const e = await rejection(md(conn).upsert('AuthProvider', eleven));
      expect(e.errorCode).to.equal('sf:EXCEEDED_ID_LIMIT');
      expect(org.listMetadataNames('AuthProvider')).to.deep.equal([]);
      const ten = await md(conn).upsert('AuthProvider', eleven.slice(0, 10));
      expect(ten.every((r) => r.success)).to.equal(true);
    });

    it('more than 10 names in readMetadata or deleteMetadata -> fault', async () => {
      const names = Array.from({ length: 11 }, (_, i) => `P${i}`);
      expect((await rejection(md(conn).read('AuthProvider', names))).errorCode).to.equal('sf:EXCEEDED_ID_LIMIT');
      expect((await rejection(md(conn).delete('AuthProvider', names))).errorCode).to.equal('sf:EXCEEDED_ID_LIMIT');
    });

    it('more than 3 listMetadata queries -> fault; 3 is fine', async () => {
      const q = { type: 'AuthProvider' };
      expect((await rejection(md(conn).list([q, q, q, q]))).errorCode).to.equal('sf:EXCEEDED_ID_LIMIT');
      expect(await md(conn).list([q, q, q])).to.deep.equal([]);
    });

    it('a wrong session id -> sf:INVALID_SESSION_ID fault (HTTP 500)', async () => {
      const bad = new JsforceConnection({ instanceUrl: org.instanceUrl, accessToken: 'wrong', version: '66.0' });
      const e = await rejection(bad.metadata.read('AuthProvider', 'X'));
      expect(e.errorCode).to.equal('sf:INVALID_SESSION_ID');
      expect(e.message).to.equal('INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session');
      const raw = await soapRaw(org, '<readMetadata><type>AuthProvider</type><fullNames>X</fullNames></readMetadata>', {
        sessionId: 'wrong',
      });
      expect(raw.status).to.equal(500);
      expect(raw.text).to.match(/<faultcode>sf:INVALID_SESSION_ID<\/faultcode>/);
    });

    it('an API version above the WSDL (66.0) is refused', async () => {
      const raw = await soapRaw(org, '<readMetadata><type>AuthProvider</type></readMetadata>', { version: '67.0' });
      expect(raw.status).to.equal(500);
      expect(raw.text).to.contain('sf:UNSUPPORTED_API_VERSION');
    });
  });
});
