import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import type { ComponentResult } from '../../src/model/component.js';
import { runGuideSteps, stepStatus, topologicalOrder, type ScheduledStep } from '../../src/steps/run-steps.js';
import { bindStep, type GuideStep, type StepContext } from '../../src/steps/step.js';

const component = (status: ComponentResult['status']): ComponentResult => ({
  type: 'T',
  name: 'n',
  label: 'l',
  action: 'create',
  status,
  changes: [],
  ...(status === 'failed' ? { error: { message: 'refused' } } : {}),
});

/** A step that records when it ran and answers with the given component statuses (or throws). */
function fakeStep(
  id: string,
  dependsOn: string[],
  log: string[],
  result: ComponentResult['status'][] | Error,
  delayMs = 5,
): ScheduledStep {
  const step: GuideStep<unknown> = {
    id,
    title: `Task ${id}`,
    dependsOn,
    async execute() {
      log.push(`start ${id}`);
      await new Promise((r) => setTimeout(r, delayMs));
      log.push(`end ${id}`);
      if (result instanceof Error) throw result;
      return { components: result.map(component), nextSteps: [], warnings: [], details: { id } };
    },
  };
  return bindStep(step as GuideStep<Record<string, never>>, {});
}

const ctx = {} as StepContext;

describe('runGuideSteps', () => {
  it('runs independent steps in parallel and dependent steps after their dependencies', async () => {
    const log: string[] = [];
    await runGuideSteps(
      [
        fakeStep('b', ['a'], log, ['created']),
        fakeStep('a', [], log, ['created'], 20),
        fakeStep('c', [], log, ['unchanged']),
      ],
      ctx,
    );
    expect(log.indexOf('start c')).to.be.lessThan(log.indexOf('end a')); // c did not wait for a
    expect(log.indexOf('start b')).to.be.greaterThan(log.indexOf('end a')); // b waited for a
  });

  it('reports steps in the order given, with their status', async () => {
    const reports = await runGuideSteps(
      [fakeStep('x', [], [], ['unchanged', 'updated']), fakeStep('y', [], [], ['unchanged'])],
      ctx,
    );
    expect(reports.map((r) => [r.id, r.status])).to.deep.equal([
      ['x', 'updated'],
      ['y', 'unchanged'],
    ]);
  });

  it('skips the steps after a failed one, with the reason, and still runs the independent ones', async () => {
    const log: string[] = [];
    const reports = await runGuideSteps(
      [
        fakeStep('a', [], log, ['failed']),
        fakeStep('b', ['a'], log, ['created']),
        fakeStep('c', ['b'], log, ['created']),
        fakeStep('d', [], log, ['created']),
      ],
      ctx,
    );
    expect(reports.map((r) => r.status)).to.deep.equal(['failed', 'skipped', 'skipped', 'created']);
    expect(reports[0].reason).to.equal('T n: refused');
    expect(reports[1].reason).to.include('Task a');
    expect(reports[2].reason).to.include('Task b');
    expect(log).to.not.include('start b');
  });

  it('turns a step that throws (a missing prerequisite) into a failed report with the actions', async () => {
    const error = new SfError('No site domain is registered.', 'NoSiteDomain', ['Register it in Setup > Sites.']);
    const [report] = await runGuideSteps([fakeStep('s', [], [], error)], ctx);
    expect(report).to.include({ status: 'failed', reason: 'No site domain is registered.' });
    expect(report.actions).to.deep.equal(['Register it in Setup > Sites.']);
  });

  it('treats a dependency outside the run as done', async () => {
    const [report] = await runGuideSteps([fakeStep('b', ['not-scheduled'], [], ['created'])], ctx);
    expect(report.status).to.equal('created');
  });

  it('calls the progress hooks for every step that runs', async () => {
    const events: string[] = [];
    await runGuideSteps([fakeStep('a', [], [], ['failed']), fakeStep('b', ['a'], [], ['created'])], ctx, {
      onStart: (s) => events.push(`start ${s.id}`),
      onEnd: (s, r) => events.push(`end ${s.id} ${r.status}`),
    });
    expect(events).to.deep.equal(['start a', 'end a failed', 'end b skipped']);
  });

  it('tells a step, in a dry run, which of its dependencies plan to create what it needs', async () => {
    const seen: Array<readonly string[] | undefined> = [];
    const planned = fakeStep('a', [], [], ['planned']);
    planned.execute = async () => ({
      components: [{ ...component('planned'), action: 'create' as const }],
      nextSteps: [],
      warnings: [],
      details: {},
    });
    const unchangedDep = fakeStep('u', [], [], ['unchanged']);
    const dependent: ScheduledStep = {
      step: { id: 'b', title: 'Task b', dependsOn: ['a', 'u'] },
      execute: async (c: StepContext) => {
        seen.push(c.dependenciesToCreate);
        return { components: [], nextSteps: [], warnings: [], details: {} };
      },
    };
    await runGuideSteps([planned, unchangedDep, dependent], { handoff: {} } as unknown as StepContext);
    expect(seen).to.deep.equal([['a']]);
  });

  it('derives a step status from its components', () => {
    expect(stepStatus([component('unchanged'), component('created')])).to.equal('created');
    expect(stepStatus([component('updated'), component('planned')])).to.equal('updated');
    expect(stepStatus([component('planned'), component('unchanged')])).to.equal('planned');
    expect(stepStatus([component('created'), component('failed')])).to.equal('failed');
    expect(stepStatus([])).to.equal('unchanged');
  });

  it('orders steps topologically and refuses a cycle', () => {
    const order = topologicalOrder([
      fakeStep('c', ['b'], [], []),
      fakeStep('b', ['a'], [], []),
      fakeStep('a', [], [], []),
    ]);
    expect(order.map((s) => s.step.id)).to.deep.equal(['a', 'b', 'c']);
    expect(() => topologicalOrder([fakeStep('a', ['b'], [], []), fakeStep('b', ['a'], [], [])])).to.throw(/cycle/);
  });
});
