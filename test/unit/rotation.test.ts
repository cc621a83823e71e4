/*
 * The rotation's own parts: the record kept between runs (only ids and dates ever reach the file; a torn or foreign
 * file is an error, never "no rotation under way") and --wait's loop (re-reads the org each round, stops on time or on
 * a stop signal).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fileRotationLog, rotationFile } from '../../src/cli/rotation-log.js';
import { checkUntil } from '../../src/rotation/wait.js';
import type { RotationProgress } from '../../src/rotation/types.js';

describe('rotation: the record kept between runs', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'eci-rotation-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes only the fields of a record, reads them back, and is gone once cleared', async () => {
    const log = fileRotationLog(dir);
    const progress = {
      target: 'eci-app',
      stage: 'staged',
      at: '2026-01-01T00:00:00.000Z',
      consumer: { appId: '0xI000000000001', consumerId: '0xG000000000001', key: 'NeverWrittenKey0001' },
      stagedId: '0St000000000001',
      secret: 'NeverWrittenSecret0001',
    } as unknown as RotationProgress;
    await log.write('00D1', progress);
    const text = await readFile(rotationFile(dir, '00D1', 'eci-app'), 'utf8');
    expect(text).to.not.include('NeverWritten');
    expect(await log.read('00D1', 'eci-app')).to.deep.equal({
      target: 'eci-app',
      stage: 'staged',
      at: '2026-01-01T00:00:00.000Z',
      consumer: { appId: '0xI000000000001', consumerId: '0xG000000000001' },
      stagedId: '0St000000000001',
    });
    expect(await log.read('00D1', 'ringcentral')).to.equal(undefined);
    await log.clear('00D1', 'eci-app');
    expect(await log.read('00D1', 'eci-app')).to.equal(undefined);
  });

  it('a file it cannot read is an error that says what to do, never "no rotation under way"', async () => {
    const log = fileRotationLog(dir);
    await log.write('00D1', { target: 'ringcentral', stage: 'accepted', at: 'now' });
    await writeFile(rotationFile(dir, '00D1', 'ringcentral'), '{"target":"ringc');
    const error = await log.read('00D1', 'ringcentral').then(
      () => undefined,
      (e: Error & { actions?: string[] }) => e,
    );
    expect(error?.name).to.equal('UnreadableProgressError');
    expect(error?.actions?.join(' ')).to.include('Delete the file');
  });
});

describe('rotation: --wait', () => {
  const org = (interruptAt = Infinity) => {
    let forgotten = 0;
    return {
      forgetReads: () => void forgotten++,
      get interrupted() {
        return forgotten >= interruptAt;
      },
      get forgotten() {
        return forgotten;
      },
    };
  };
  const clock = () => {
    let t = 0;
    return { now: () => t, sleep: (ms: number) => Promise.resolve(void (t += ms)) };
  };

  it('without --wait checks once', async () => {
    let checks = 0;
    await checkUntil(
      () => Promise.resolve(++checks),
      () => false,
      org(),
      undefined,
    );
    expect(checks).to.equal(1);
  });

  it('re-reads the org each round until done, 5 s then longer apart', async () => {
    const o = org();
    const c = clock();
    const result = await checkUntil(
      () => Promise.resolve(c.now()),
      (at) => at >= 20_000,
      o,
      { minutes: 5, ...c },
    );
    expect(result).to.equal(23_750);
    expect(o.forgotten).to.equal(3);
  });

  it('stops when the minutes are over, and on a stop signal', async () => {
    const c = clock();
    expect(
      await checkUntil(
        () => Promise.resolve(c.now()),
        () => false,
        org(),
        { minutes: 1, ...c },
      ),
    ).to.equal(60_000);
    const stopped = org(2);
    const d = clock();
    await checkUntil(
      () => Promise.resolve(d.now()),
      () => false,
      stopped,
      { minutes: 10, ...d },
    );
    expect(stopped.forgotten).to.equal(2);
  });
});
