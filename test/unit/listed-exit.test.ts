/*
 * Every command ends with an exit code the table lists: sf would pick 20 for an error that holds a Salesforce ErrorId
 * and 10 for one that mentions a TypeError, whatever the error's own code.
 */
import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { withListedExitCode } from '../../src/cli/eci-command.js';

// How sf picks the exit code of a command's error (not among the package's exports).
const { computeErrorCode } = (await import(
  new URL('../../node_modules/@salesforce/sf-plugins-core/lib/errorHandling.js', import.meta.url).href
)) as { computeErrorCode: (e: Error) => number };

describe('exit codes from the table only', () => {
  it("an error with Salesforce's ErrorId keeps its own code and the ErrorId, in a form sf does not take for its own", () => {
    const raw = new SfError(
      'UNKNOWN_EXCEPTION: An unexpected error occurred. ErrorId: 1435987343-55891 (-1217669146)',
      'ServerError',
      ['Try again.'],
      68,
    );
    expect(computeErrorCode(raw)).to.equal(20);
    const clean = withListedExitCode(raw) as SfError;
    expect(computeErrorCode(clean)).to.equal(68);
    expect(clean.message).to.include('1435987343-55891 -1217669146');
    expect(clean.name).to.equal('ServerError');
    expect(clean.actions).to.deep.equal(['Try again.']);
  });

  it('a TypeError (a defect) ends with exit 1, not 10, and names no TypeError', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'map')");
    expect(computeErrorCode(bug)).to.equal(10);
    const clean = withListedExitCode(bug) as SfError;
    expect(computeErrorCode(clean)).to.equal(1);
    expect(clean.name).to.equal('InternalError');
  });

  it('an error with a code no table lists ends with 1; an ordinary error is left as it is', () => {
    expect(computeErrorCode(withListedExitCode(new SfError('x', 'X', [], 42)))).to.equal(1);
    const fine = new SfError('Nothing was removed.', 'DeclinedError', [], 1);
    expect(withListedExitCode(fine)).to.equal(fine);
  });
});

describe('every command ends through the plugin base', () => {
  it('each command class is an EciCommand (its exit codes from the table, its process ended once answered)', async () => {
    const { EciCommand } = await import('../../src/cli/eci-command.js');
    const dir = new URL('../../src/commands/eci/ringcentral/', import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
    expect(files.length).to.be.greaterThan(9);
    for (const f of files) {
      const command = ((await import(new URL(f, dir).href)) as { default: unknown }).default;
      expect((command as { prototype: unknown }).prototype instanceof EciCommand, f).to.equal(true);
    }
  });

  it("each command's help has its ERROR CODES and ENVIRONMENT VARIABLES, the call deadline among them", async () => {
    type Section = { header: string; body: Array<{ name: string }> };
    const dir = new URL('../../src/commands/eci/ringcentral/', import.meta.url);
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.ts'))) {
      const command = ((await import(new URL(f, dir).href)) as { default: Record<string, Section | undefined> })
        .default;
      expect(
        command.errorCodes?.body.map((e) => e.name),
        f,
      )
        .to.include('0')
        .and.include('1');
      expect(
        command.envVariablesSection?.body.map((e) => e.name),
        f,
      ).to.include('ECI_CALL_TIMEOUT_MS');
    }
  });
});
