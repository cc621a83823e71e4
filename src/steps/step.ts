import type { ProgressEvent } from '../engine/engine.js';
import type { Secret } from '../engine/secret.js';
import type { ComponentResult, NextStep } from '../engine/types.js';
import type { SecretIntake } from '../cli/secrets.js';
import type { OrgAccess, OrgFacts } from '../org/org-access.js';

/** What a step gets from whoever runs it (a step command, or `configure`). */
export type StepContext = {
  org: OrgAccess;
  facts: OrgFacts;
  dryRun: boolean;
  /**
   * A secret that a write needs now: the one given by environment or stdin, else a masked prompt where a
   * terminal allows one; otherwise an SfError that says how to give it. Called only when a create needs it.
   */
  requireSecret: (intake: SecretIntake) => Promise<Secret>;
  onProgress?: (event: ProgressEvent) => void;
  /** Values one step hands to a later one in the same run, in memory only (never on disk). */
  handoff: Map<string, unknown>;
  /**
   * In a dry run of several steps: the ids of this step's dependencies whose plan creates components, so what
   * they make is missing from the org now but would exist by the time this step ran.
   */
  dependenciesToCreate?: readonly string[];
};

/** What a step did (or, in a dry run, would do). */
export type StepOutcome<Details extends object = object> = {
  components: ComponentResult[];
  /** What only a person can do now, each with its exact URL. */
  nextSteps: NextStep[];
  warnings: string[];
  /** Step-specific facts for the command's result, e.g. the callback URL. */
  details: Details;
};

/**
 * A guide task as the plugin runs it: read the facts it needs, declare the desired components
 * (src/guide, pure), let the engine plan and apply, say what is left for a person.
 */
export type GuideStep<Inputs, Details extends object = object> = {
  id: string;
  /** The guide task's title, e.g. "Add RingCentral as an Authorized Provider". */
  title: string;
  /** Steps whose components this one refers to (a named credential needs its auth provider). */
  dependsOn: readonly string[];
  execute(inputs: Inputs, ctx: StepContext): Promise<StepOutcome<Details>>;
};
