import { Messages, type Org } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { Secret, SecretIntake } from '../../model/secret.js';
import { connectOrg } from '../../org/connect.js';
import { requireApiVersion } from '../../org/platform-rules.js';
import type { KnownFacts, OrgPort, OrgReads } from '../../org/port.js';
import { readPhaseOf, type BoundStep, type StepContext } from '../../steps/step.js';
import type { SecretAccessPurpose } from '../../steps/secret-access.js';
import { readPrerequisites } from '../../steps/prerequisites.js';
import { restorePendingSwitches } from '../pending-restore.js';
import { missingSecretError, promptForSecret } from '../secrets.js';
import { secretAccessNeed } from '../secret-read-flag.js';
import { askedAside, mayPrompt } from './prompting.js';
import { secretAccessConsent } from './secret-access.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

export type ContextOptions = {
  org: Org;
  apiVersion?: string;
  dryRun: boolean;
  /** Never ask (configure --no-prompt, verify): a missing secret is then an SfError that says how to give it. */
  noPrompt?: boolean;
  /** The steps to run: their reads and their prerequisites' are the read phase, and the prerequisites go on the context. */
  steps?: readonly BoundStep[];
  /** More reads to declare beside the steps' (what the command checks after the run). */
  reads?: (org: OrgReads) => Promise<unknown>;
  /** A read phase of its own (verify's), instead of the steps'. */
  readPhase?: (org: OrgPort, facts: KnownFacts) => Promise<void>;
  /** Called around a prompt, so that a progress display does not draw over it. */
  pause?: () => void;
  resume?: () => void;
  /** The admin allows switching the REST secrets setting for a read of the ECI app's secret (a flag). */
  allowSecretReadViaRest?: boolean;
  /** What the setting would be turned on for (the read, by default). */
  secretAccessPurpose?: SecretAccessPurpose;
  /** What the run's choices need of the API version (an External Client App, the setting): checked before any call. */
  apiVersionNeeds?: ReadonlyArray<{ what: string; version: number }>;
};

/**
 * Connects to the org and builds the context steps run in: what the run needs of the API version is checked first
 * (nothing sent), a switch of the REST secrets setting an earlier run left undone is undone (pending-restore.ts), then
 * the read phase (it needs only what the connection knows, and carries the facts' own read), then the prerequisites,
 * answered from what it read.
 */
export async function openRunContext(command: SfCommand<unknown>, options: ContextOptions): Promise<StepContext> {
  const org = await connectOrg(options.org, options.apiVersion);
  const needs = [...(options.apiVersionNeeds ?? []), ...(options.allowSecretReadViaRest ? [secretAccessNeed()] : [])];
  for (const need of needs) requireApiVersion(need.what, need.version, org.apiVersion);
  // A switch of the REST secrets setting an earlier run left undone is undone first, before anything reads it.
  await restorePendingSwitches(command, org);
  // A deploy's progress (polled) shows as the spinner's status; with no spinner running (--json, stages) it goes nowhere.
  org.onDeployStatus = (status): void => {
    command.spinner.status = status;
  };
  command.spinner.start(messages.getMessage('progress.Reading'));
  const steps = options.steps;
  const phase =
    options.readPhase ??
    (steps
      ? (o: OrgPort, known: KnownFacts): Promise<void> =>
          readPhaseOf(
            steps,
            o,
            known,
            (reader) => readPrerequisites(reader, known.myDomainUrl, steps),
            (reader) => options.reads?.(reader) ?? Promise.resolve(),
          )
      : undefined);
  // The facts' read goes with the read phase's first round (OrgPort.readPhase), then answers from memory.
  await phase?.(org, org.knownFacts());
  const facts = await org.facts();
  // Answered from the read phase's answers: nothing is sent again.
  const prerequisites = steps ? await readPrerequisites(org, facts.myDomainUrl, steps) : undefined;
  return {
    org,
    facts,
    ...(prerequisites ? { prerequisites } : {}),
    dryRun: options.dryRun,
    handoff: {},
    requireSecret: secretAsker(command, options),
    ...(options.allowSecretReadViaRest
      ? {
          secretAccess: secretAccessConsent(command, org.knownFacts(), {
            ...options,
            purpose: options.secretAccessPurpose,
          }),
        }
      : {}),
  };
}

/**
 * The one place that decides to prompt for a secret: only for a write that needs one its inputs lack, only in a
 * terminal, never with --json or --no-prompt. Each secret is asked once a run: a later need gets the same answer.
 */
function secretAsker(
  command: SfCommand<unknown>,
  options: Pick<ContextOptions, 'noPrompt' | 'pause' | 'resume'>,
): (intake: SecretIntake) => Promise<Secret> {
  const asked = new Map<string, Promise<Secret>>();
  const ask = async (intake: SecretIntake): Promise<Secret> => {
    command.spinner.stop();
    if (!mayPrompt(command, options.noPrompt)) throw missingSecretError(intake);
    return askedAside(command, options, () => promptForSecret(intake, (opts) => command.secretPrompt(opts)));
  };
  return (intake) => {
    if (!asked.has(intake.envVar)) asked.set(intake.envVar, ask(intake));
    return asked.get(intake.envVar)!;
  };
}
