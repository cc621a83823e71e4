import { expect } from 'chai';
import { assertResultMatchesSchema } from '../support/schema-check.js';
import { REPO_ROOT } from '../support/repo.js';

describe('JSON schema check of --json results (used by every e2e run)', () => {
  const args = ['eci', 'ringcentral', 'verify', '--json'];

  it('accepts a result of the declared shape', () => {
    const result = {
      passed: true,
      summary: { passed: 1, failed: 0, skipped: 0 },
      checks: [{ id: 'x', title: 'X', status: 'pass', detail: '' }],
    };
    expect(() => assertResultMatchesSchema(REPO_ROOT, args, { status: 0, result })).to.not.throw();
  });

  it('refuses a result that breaks the contract', () => {
    const result = { passed: 'yes', summary: { passed: 1 }, checks: [{ id: 'x', status: 'maybe' }] };
    expect(() => assertResultMatchesSchema(REPO_ROOT, args, { status: 0, result })).to.throw(
      /does not match its schema/,
    );
  });

  it('leaves errors and non-JSON runs alone', () => {
    expect(() => assertResultMatchesSchema(REPO_ROOT, args, { status: 1, name: 'SomeError' })).to.not.throw();
    expect(() => assertResultMatchesSchema(REPO_ROOT, ['eci', 'ringcentral', 'verify'], { result: 1 })).to.not.throw();
  });
});
