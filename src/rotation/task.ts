import type { BoundStep, StepInfo } from '../steps/step.js';
import { rotateEciApp } from './eci-app.js';
import { rotateRingCentralSecret } from './ringcentral.js';
import type { RotationDetails, RotationInputs, RotationStep } from './types.js';

const ROTATION: Record<RotationInputs['target'], StepInfo> = {
  ringcentral: { id: 'rotate-ringcentral-secret', title: 'Rotate the RingCentral client secret', dependsOn: [] },
  'eci-app': { id: 'rotate-eci-app-credentials', title: "Rotate the ECI app's consumer key and secret", dependsOn: [] },
};

/** The open person's steps of a rotation, as the hand-over lists them. */
const openPersonSteps = (steps: readonly RotationStep[]): RotationStep[] =>
  steps.filter((s) => s.person && s.status === 'open');

/**
 * A rotation as a run of one task (as teardown is): the pipeline plans it (reads only), asks for a secret it needs
 * once ahead, runs it under its stop signals, and the command reports it.
 */
export function rotationTask(inputs: RotationInputs): BoundStep<RotationDetails> {
  return {
    step: ROTATION[inputs.target],
    inputs,
    async execute(ctx) {
      const outcome =
        inputs.target === 'ringcentral' ? await rotateRingCentralSecret(inputs, ctx) : await rotateEciApp(inputs, ctx);
      const open = openPersonSteps(outcome.details.steps);
      return {
        ...outcome,
        nextSteps: open.map(({ title, url, detail }) => ({
          title,
          ...(url ? { url } : {}),
          ...(detail ? { detail } : {}),
        })),
      };
    },
  };
}
