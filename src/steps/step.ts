import type { SfError } from '@salesforce/core';
import type { ProgressEvent, RunOptions } from '../engine/engine.js';
import type { PlanItem } from '../model/component.js';
import type { Secret, SecretIntake } from '../model/secret.js';
import type { ComponentResult, NextStep } from '../model/component.js';
import type { ConsumerCredentials } from '../guide/eci-connected-app.js';
import type { KnownFacts, OrgFacts, OrgPort } from '../org/port.js';
import type { OrgReads } from '../org/port.js';
import type { PrerequisiteCheck } from '../guide/prerequisites.js';

/** What a step gets from whoever runs it (a step command, or `configure`). */
export type StepContext = {
  org: OrgPort;
  facts: OrgFacts;
  /** What the guide presumes, checked for the steps to run before anything is written (met and missing). */
  prerequisites?: PrerequisiteCheck[];
  dryRun: boolean;
  /**
   * A secret that a write needs now and the step's inputs lack (env and stdin arrive as inputs): a masked prompt
   * where a terminal allows one, else an SfError that says how to give it. The one place that decides to prompt.
   */
  requireSecret: (intake: SecretIntake) => Promise<Secret>;
  onProgress?: (event: ProgressEvent) => void;
  /** Sees every plan a step makes, before anything is written (see RunOptions.onPlan). */
  onPlan?: (items: readonly PlanItem[]) => void;
  /**
   * In a dry run that Salesforce checks (--validate): what a real run would write instead of a planned component if the
   * org refused it (the External Client App `--app-type auto` makes when the org refuses the Connected App).
   */
  onAlternativePlan?: (instead: { type: string; name: string }, items: readonly PlanItem[]) => void;
  /** What one step hands to a later one in the same run, in memory only (never on disk). */
  handoff: RunHandoff;
  /**
   * The admin's consent to turn "Allow access to External Client App consumer secrets via REST API" on for a read of
   * the ECI app's secret (a flag of the command), with its confirmation and the record of a switch; absent: no consent.
   */
  secretAccess?: SecretAccessConsent;
  /**
   * In a dry run of several steps: the ids of this step's dependencies whose plan creates components, so what
   * they make is missing from the org now but would exist by the time this step ran.
   */
  dependenciesToCreate?: readonly string[];
};

/** What the steps of one run hand to later ones. */
export type RunHandoff = {
  /** The key and secret the org holds for the ECI Connected App this run created (chosen at its creation). */
  eciAppCredentials?: ConsumerCredentials;
  /** This run made the ECI app as an External Client App: the org may take a moment to list its OAuth consumer. */
  eciExternalClientAppCreated?: boolean;
};

/**
 * The admin's consent to switch the REST secrets setting for one read (given by the command that has the flag): a
 * confirmation where a terminal can ask, and the record on disk of a switch not yet undone, so that a run that is cut
 * short leaves it noticed and undone by the next one.
 */
export type SecretAccessConsent = {
  /** Whether to switch: asked once a run in a terminal; elsewhere the flag alone is the consent. */
  confirm(): Promise<boolean>;
  /** Written before the switch: the value to put back (never a secret). */
  recordPending(restoreTo: boolean): Promise<void>;
  /** The value is back: the record goes. */
  clearPending(): Promise<void>;
};

/** What a step did (or, in a dry run, would do). */
export type StepOutcome<Details extends object = object> = {
  components: ComponentResult[];
  /** What only a person can do now, each with its exact URL. */
  nextSteps: NextStep[];
  warnings: string[];
  /** Step-specific facts for the command's result, e.g. the callback URL. */
  details: Details;
  /**
   * In a dry run: the secrets a real run would need and does not have (a create's secret not given). The run asks
   * for them once, before anything is written, where a prompt can.
   */
  secretsNeeded?: SecretIntake[];
  /**
   * In a dry run: a real run would switch the REST secrets setting on for a read (the admin consented by flag): the
   * run confirms it once, before anything is written.
   */
  secretAccessNeeded?: boolean;
  /**
   * The users this run created (never one it found): the plugin keeps its own record of them, the one sign that a
   * user was made for this setup that teardown can rely on before it deactivates one.
   */
  madeUsers?: MadeUser[];
};

/**
 * A flag value the org does not have (a profile, a user) or an input a write needs and lacks: bad input, found by the
 * plan before anything is written. `configure` stops on it before its first write, as a step command does.
 */
export function badInput(error: SfError): SfError {
  return error.setData({ ...(error.data as object | undefined), badInput: true });
}

export const isBadInput = (error: SfError): boolean =>
  (error.data as { badInput?: boolean } | undefined)?.badInput === true;

/** A user a run created, by its id in the org. */
export type MadeUser = { id: string; username: string };

/** What a runner needs to know of a step, whatever its inputs. */
export type StepInfo = { id: string; title: string; dependsOn: readonly string[] };

/**
 * A guide task as the plugin runs it: read the facts it needs, declare the desired components
 * (src/guide, pure), let the engine plan and apply, say what is left for a person.
 */
export type GuideStep<Inputs, Details extends object = object> = StepInfo & {
  /** `id`: e.g. `ringcentral-auth-provider`; `title`: the guide task's, e.g. "Add RingCentral as an Authorized Provider";
   * `dependsOn`: steps whose components this one refers to (a named credential needs its auth provider). */
  execute(inputs: Inputs, ctx: StepContext): Promise<StepOutcome<Details>>;
  /**
   * What `execute` will read, declared for the runner's read phase (OrgPort.readPhase): the same read helpers called
   * with the same arguments, against a reader that answers what is known and notes the rest. Independent reads are
   * started together (settled); a read that needs an earlier answer follows it, and is sent in the next round. A read
   * left out here is still made by `execute` (correct, one round trip more); one declared and not made costs a request.
   */
  reads?(inputs: Inputs, facts: KnownFacts, org: OrgReads): Promise<unknown>;
};

/** A step with its inputs, ready to run: what a step command runs, and what a runner schedules. */
export type BoundStep<Details extends object = object> = {
  step: StepInfo;
  /** The inputs it runs with (the prerequisites it needs can depend on them, e.g. a permission set named by flag). */
  inputs?: unknown;
  execute: (ctx: StepContext) => Promise<StepOutcome<Details>>;
  /** The step's read declaration with its inputs (GuideStep.reads), when it has one. */
  reads?: (facts: KnownFacts, org: OrgReads) => Promise<unknown>;
};

/** Binds a step to its inputs, type-checked against the step's own input type. */
export function bindStep<Inputs, Details extends object>(
  step: GuideStep<Inputs, Details>,
  inputs: Inputs,
): BoundStep<Details> {
  const reads = step.reads?.bind(step);
  return {
    step,
    inputs,
    execute: (ctx) => step.execute(inputs, ctx),
    ...(reads ? { reads: (facts: KnownFacts, org: OrgReads) => reads(inputs, facts, org) } : {}),
  };
}

/**
 * The read phase of a run: every scheduled step's declared reads, sent together in as few round trips as their
 * dependencies allow, before any step runs (OrgPort.readPhase). What else a runner must check before writing (a
 * prerequisite) is one more declaration in `extra`.
 */
export async function readPhaseOf(
  steps: readonly BoundStep[],
  org: OrgPort,
  facts: KnownFacts,
  ...extra: Array<(org: OrgReads) => Promise<unknown>>
): Promise<void> {
  await org.readPhase(async (reader) => {
    await Promise.allSettled([...steps.map((s) => s.reads?.(facts, reader)), ...extra.map((d) => d(reader))]);
  });
}

/** The engine's options every step passes on from its context: dry run, progress and the plan hook. */
export const engineOptions = (ctx: StepContext): Pick<RunOptions, 'dryRun' | 'onProgress' | 'onPlan'> => ({
  dryRun: ctx.dryRun,
  ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  ...(ctx.onPlan ? { onPlan: ctx.onPlan } : {}),
});
