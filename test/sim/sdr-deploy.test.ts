/*
 * A deploy through @salesforce/source-deploy-retrieve itself (what `sf project deploy start` and a plugin using SDR
 * do): a ComponentSet from in-memory source files, converted and zipped by SDR, sent by jsforce over SOAP (SDR's
 * default; its `rest` option would use /metadata/deployRequest, which the simulator does not serve).
 */
import { Readable } from 'node:stream';
import { expect } from 'chai';
import type { Connection } from '@salesforce/core';
import { Duration } from '@salesforce/kit';
import { ComponentSet, VirtualTreeContainer } from '@salesforce/source-deploy-retrieve';
import type { SimulatedOrg } from './index.js';
import { mdapiXml, startConnected } from './helpers.js';
import { APP, fullApp, KEY, SECRET } from './external-client-app-seed.js';
import { DEFAULT_POLICY_SUFFIX } from './rules/external-client-app.js';

const SOURCE_DIR = 'force-app/main/default';

/** SDR's in-memory tree cannot stream its files (stream() is "not implemented"); the converter needs it. */
class StreamingTree extends VirtualTreeContainer {
  public override stream(fsPath: string): Readable {
    return Readable.from([this.readFileSync(fsPath)]);
  }
}

/** Source-format files (`<folder>/<name>.<suffix>-meta.xml`) of the ECI app. */
function sourceTree(components = fullApp()): StreamingTree {
  const byFolder = new Map<string, Array<{ name: string; data: Buffer }>>();
  for (const c of components) {
    const list = byFolder.get(c.folder) ?? [];
    list.push({
      name: `${String(c.record.fullName)}.${c.suffix}-meta.xml`,
      data: Buffer.from(mdapiXml(c.type, c.record)),
    });
    byFolder.set(c.folder, list);
  }
  return new StreamingTree([
    { dirPath: SOURCE_DIR, children: [...byFolder.keys()] },
    ...[...byFolder].map(([folder, children]) => ({ dirPath: `${SOURCE_DIR}/${folder}`, children })),
  ]);
}

describe('sim: deploy through source-deploy-retrieve', () => {
  let org: SimulatedOrg;
  let conn: Connection;

  beforeEach(async () => {
    ({ org, conn } = await startConnected());
  });
  afterEach(async () => {
    await org.stop();
  });

  it('SDR deploys the External Client App over SOAP; its file responses see each component', async () => {
    const set = ComponentSet.fromSource({ fsPaths: [SOURCE_DIR], tree: sourceTree() });
    expect(set.size).to.equal(5);
    const op = await set.deploy({ usernameOrConnection: conn });
    const result = await op.pollStatus({ frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) });
    expect(result.response.status, JSON.stringify(result.response.details)).to.equal('Succeeded');
    const states = result.getFileResponses().map((f) => [f.type, f.fullName, f.state]);
    expect(states).to.deep.include.members([
      ['ExternalClientApplication', APP, 'Created'],
      ['ExtlClntAppGlobalOauthSettings', `${APP}_glbloauth`, 'Created'],
    ]);
    expect(org.calls.filter((c) => c.operation === 'deploy').map((c) => c.api)).to.deep.equal(['soap-metadata']);
    expect(org.calls.filter((c) => c.operation === 'checkDeployStatus').length).to.be.greaterThan(1);
    expect(org.consumerCredentials(APP)).to.include({ consumerKey: KEY }).and.not.include({ consumerSecret: SECRET });
  });

  it('SDR sees a component failure as a Failed file response with the problem', async () => {
    const [header, , global] = fullApp(); // no OAuth settings
    const set = ComponentSet.fromSource({ fsPaths: [SOURCE_DIR], tree: sourceTree([header, global]) });
    const op = await set.deploy({ usernameOrConnection: conn });
    const result = await op.pollStatus({ frequency: Duration.milliseconds(20), timeout: Duration.seconds(30) });
    expect(result.response.status).to.equal('Failed');
    const failed = result.getFileResponses().filter((f) => f.state === 'Failed');
    expect(failed.map((f) => f.fullName)).to.deep.equal([`${APP}_glbloauth`]);
    expect(JSON.stringify(failed)).to.contain("doesn't have a valid OAuth settings configuration");
    expect(org.listMetadataNames('ExtlClntAppConfigurablePolicies')).to.not.include(`${APP}${DEFAULT_POLICY_SUFFIX}`);
  });
});
