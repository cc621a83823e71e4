import type { StepInfo } from '../steps/step.js';
import type { StepReport } from '../steps/run-steps.js';

type StageStatus = 'completed' | 'failed' | 'skipped' | 'warning';

/** What progress needs of a display: @oclif/multi-stage-output in a terminal, plain lines elsewhere. */
type Stages = {
  startStage(stage: string): void;
  updateStage(stage: string, status: StageStatus): void;
  stop(finalStatus?: 'completed' | 'failed'): void;
};

/**
 * One stage per guide step, several running at once. In a terminal the stages redraw in place
 * (@oclif/multi-stage-output, loaded only when a multi-step command starts). Without a terminal (CI, a pipe,
 * a log file) each change is one plain line on stderr, so stdout stays the command's result. With --json: nothing.
 */
export class StepProgress {
  private paused = false;

  private constructor(
    private stages: Stages,
    /** Set for the display that redraws in place (a terminal): the only one a prompt must pause. */
    private readonly redrawingTitle?: string,
  ) {}

  public static async start(
    title: string,
    steps: ReadonlyArray<StepInfo>,
    jsonEnabled: boolean,
  ): Promise<StepProgress> {
    if (jsonEnabled) return new StepProgress(silent);
    if (!process.stdout.isTTY) return new StepProgress(plainLines(title, process.stderr));
    const { ParallelMultiStageOutput } = await import('@oclif/multi-stage-output');
    return new StepProgress(
      new ParallelMultiStageOutput<Record<string, unknown>>({
        title,
        stages: steps.map((s) => s.title),
        jsonEnabled,
        showElapsedTime: true,
        showStageTime: true,
      }),
      title,
    );
  }

  public started(step: StepInfo): void {
    this.stages.startStage(step.title);
  }

  public finished(step: StepInfo, report: StepReport): void {
    const status: StageStatus =
      report.status === 'failed'
        ? 'failed'
        : report.status === 'skipped'
          ? 'skipped'
          : report.warnings.length
            ? 'warning'
            : 'completed';
    this.stages.updateStage(step.title, status);
  }

  /**
   * Stops drawing, so that a prompt can have the terminal. A display that redraws in place cannot take up where it
   * stopped: after resume() each change is a plain line, as without a terminal.
   */
  public pause(): void {
    if (this.paused || this.redrawingTitle === undefined) return;
    this.paused = true;
    this.stages.stop();
  }

  public resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.stages = plainLines(this.redrawingTitle ?? '', process.stderr);
  }

  public stop(reports: readonly StepReport[]): void {
    this.stages.stop(reports.some((r) => r.status === 'failed' || r.status === 'skipped') ? 'failed' : 'completed');
  }
}

const silent: Stages = { startStage: () => {}, updateStage: () => {}, stop: () => {} };

const MARK: Record<StageStatus, string> = {
  completed: 'done',
  failed: 'FAILED',
  skipped: 'skipped',
  warning: 'done, with warnings',
};

export function plainLines(title: string, out: { write(text: string): unknown }): Stages {
  const started = new Map<string, number>();
  const t0 = Date.now();
  out.write(`${title}\n`);
  return {
    startStage(stage) {
      started.set(stage, Date.now());
      out.write(`  … ${stage}\n`);
    },
    updateStage(stage, status) {
      const ms = Date.now() - (started.get(stage) ?? Date.now());
      out.write(
        `  ${status === 'failed' ? '✘' : status === 'skipped' ? '-' : '✔'} ${stage}: ${MARK[status]}${started.has(stage) ? ` (${ms} ms)` : ''}\n`,
      );
    },
    stop() {
      out.write(`  ${Date.now() - t0} ms in all\n`);
    },
  };
}
