import type { GuideStep } from '../steps/step.js';
import type { StepReport } from '../steps/run-steps.js';

type StageStatus = 'completed' | 'failed' | 'skipped' | 'warning';

/** The part of @oclif/multi-stage-output's ParallelMultiStageOutput that progress uses. */
type ParallelStages = {
  startStage(stage: string): void;
  updateStage(stage: string, status: StageStatus): void;
  stop(finalStatus?: 'completed' | 'failed'): void;
};

/**
 * One stage per guide step, several running at once. In a terminal the stages redraw in place; in CI (no TTY)
 * @oclif/multi-stage-output prints plain lines; with --json it prints nothing. The library (ink, React) is
 * loaded only when a multi-step command starts, not when any command loads.
 */
export class StepProgress {
  private constructor(private readonly stages: ParallelStages) {}

  public static async start(title: string, steps: ReadonlyArray<GuideStep<never>>, jsonEnabled: boolean): Promise<StepProgress> {
    const { ParallelMultiStageOutput } = await import('@oclif/multi-stage-output');
    const stages = new ParallelMultiStageOutput<Record<string, unknown>>({
      title,
      stages: steps.map((s) => s.title),
      jsonEnabled,
      showElapsedTime: true,
      showStageTime: true,
    });
    return new StepProgress(stages);
  }

  public started(step: GuideStep<never>): void {
    this.stages.startStage(step.title);
  }

  public finished(step: GuideStep<never>, report: StepReport): void {
    const status: StageStatus = report.status === 'failed' ? 'failed' : report.status === 'skipped' ? 'skipped' : report.warnings.length ? 'warning' : 'completed';
    this.stages.updateStage(step.title, status);
  }

  public stop(reports: readonly StepReport[]): void {
    this.stages.stop(reports.some((r) => r.status === 'failed' || r.status === 'skipped') ? 'failed' : 'completed');
  }
}
