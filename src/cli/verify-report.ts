import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { readRingCentralAuthProvider } from '../steps/ringcentral-platform.js';
import type { StepReport } from '../steps/run-steps.js';
import type { StepContext } from '../steps/step.js';
import type { DriftField, VerifyCheck } from '../verify/checks.js';
import type { RefreshSign } from '../verify/refresh.js';
import type { VerifyOverrides } from '../verify/discover.js';
import { ringCentralTargetOf } from '../verify/hand-over.js';
import { NO_RETRY_WAIT, verifyHandOver as verifyEntries, type PersonStep } from '../verify/person-steps.js';
import { checkHandOver, openAndWait, type HandOver, type WaitSummary } from './hand-over.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.verify');

export type VerifyResult = {
  /** True only when every check passed (or, with --allow-skipped, none failed). */
  passed: boolean;
  summary: { passed: number; failed: number; skipped: number };
  checks: VerifyCheck[];
  /** With --wait or --open: what only a person can do, each with its state (open, done, not-checked) and URL. */
  personSteps?: PersonStep[];
  /** With --wait: how long it waited, and whether the time ran out before every person's step was done. */
  wait?: WaitSummary;
  /** With --open: the URLs opened in the browser, in order. */
  opened?: string[];
  /** When the org looks like a refreshed sandbox: the signs seen, and the other org's My Domain its URLs name. */
  refreshed?: { signs: RefreshSign[]; otherMyDomain?: string };
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The person's steps, decided by the same checks as configure's hand-over; --open and --wait on them. */
export async function verifyHandOver(
  command: SfCommand<unknown>,
  ctx: StepContext,
  reports: readonly StepReport[],
  overrides: VerifyOverrides,
  flags: { open: boolean; wait?: number },
): Promise<HandOver> {
  const provider = await readRingCentralAuthProvider(ctx.org);
  const clientId = overrides.clientId ?? (provider.exists ? text(provider.fields.consumerKey) : undefined);
  const target = {
    org: ctx.org,
    ringCentral: ringCentralTargetOf(reports, clientId),
    ringCentralOptions: NO_RETRY_WAIT,
  };
  const { personSteps, initial } = await checkHandOver(verifyEntries(reports), target);
  return openAndWait(command, { personSteps, initial, target, ...flags });
}

/** The checklist: each check with what was found, the fields that drifted, what to do; then the summary. */
export function logChecklist(
  out: { log(text: string): void },
  checks: readonly VerifyCheck[],
  summary: VerifyResult['summary'],
  passed: boolean,
): void {
  const mark = {
    pass: messages.getMessage('mark.pass'),
    fail: messages.getMessage('mark.fail'),
    skip: messages.getMessage('mark.skip'),
  };
  for (const c of checks) {
    out.log(`${mark[c.status]}  ${c.title}`);
    if (c.detail) out.log(`        ${c.detail}`);
    for (const d of c.drift ?? []) for (const f of d.fields) out.log(`          ${driftLine(d, f)}`);
    if (c.drift?.some((d) => d.fields.length)) out.log(`          ${messages.getMessage('drift.Kept')}`);
    for (const a of c.actions ?? []) out.log(`        → ${a}`);
  }
  out.log(`\n${messages.getMessage('summary.Line', [summary.passed, summary.failed, summary.skipped])}`);
  out.log(messages.getMessage(passed ? 'summary.Passed' : summary.failed ? 'summary.Failed' : 'summary.Skipped'));
}

/** One field that differs, said plainly: which field, what the org holds, what the guide wants, what configure does. */
export function driftLine(component: { type: string; name: string }, f: DriftField): string {
  return messages.getMessage('drift.Line', [
    `${component.type} ${component.name}`,
    f.field,
    f.current ?? messages.getMessage('drift.NotSet'),
    f.desired,
    messages.getMessage(`drift.${f.configure}`),
  ]);
}
