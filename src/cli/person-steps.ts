/*
 * The person's steps at the command line: opening their URLs one at a time (--open), and the live checklist while
 * waiting (--wait): stages that redraw in place in a terminal (@oclif/multi-stage-output, loaded only then), one
 * plain line per change on stderr without one, nothing with --json.
 */
import { Messages } from '@salesforce/core';
import type { PersonStep, PersonStepCheck, PersonStepState } from '../verify/person-steps.js';
import { waitForPersonSteps, type WaitClock, type WaitOutcome } from '../verify/wait.js';
import { noBrowserReason, openInBrowser } from './browser.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'person-steps');

type Out = { log(text: string): void; warn(text: string): void };

/**
 * Opens the open steps' URLs one at a time, in the order given: `next()` opens the first open step not opened yet,
 * once the one opened before is done. Without a browser it says so once; the URLs are printed anyway.
 */
export class StepOpener {
  private readonly opened = new Set<string>();
  private current?: string;
  private saidNoBrowser = false;

  public constructor(
    private readonly out: Out,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The URLs opened so far, in order. */
  public get urls(): string[] {
    return [...this.opened];
  }

  public async next(steps: readonly PersonStep[], options: { more?: boolean } = {}): Promise<void> {
    const openOnes = steps.filter((s) => s.state === 'open' && s.url);
    const current = openOnes.find((s) => s.url === this.current);
    if (current) return; // still open: one at a time
    const step = openOnes.find((s) => !this.opened.has(s.url!));
    if (!step?.url) return;
    const reason = noBrowserReason(this.env);
    if (reason) {
      if (!this.saidNoBrowser)
        this.out.log(messages.getMessage('opened.NoBrowser', [messages.getMessage(`noBrowser.${reason}`)]));
      this.saidNoBrowser = true;
      return;
    }
    this.opened.add(step.url);
    this.current = step.url;
    try {
      await openInBrowser(step.url, this.env);
      // Counted over the whole run: the ones opened before, this one, the open ones still to come.
      const position = this.opened.size;
      const total = position + openOnes.filter((s) => !this.opened.has(s.url!)).length;
      this.out.log(messages.getMessage('opened.Now', [position, total, step.title]));
      if (options.more && openOnes.length > 1) this.out.log(messages.getMessage('opened.Next'));
    } catch (error) {
      this.out.warn(messages.getMessage('opened.Failed', [(error as Error).message]));
    }
  }
}

type StageStatus = 'completed' | 'failed' | 'current' | 'warning';
type Stages = {
  startStage(stage: string): void;
  updateStage(stage: string, status: StageStatus): void;
  stop(finalStatus?: 'completed' | 'failed'): void;
};

/** The live checklist of the steps waited for. */
export class WaitChecklist {
  private constructor(
    private readonly stages: Stages | undefined,
    private readonly lines: { write(text: string): unknown } | undefined,
    private readonly titles: ReadonlyMap<string, string>,
  ) {}

  public static async start(
    minutes: number,
    steps: ReadonlyArray<{ id: string; title: string }>,
    initial: readonly PersonStepCheck[],
    jsonEnabled: boolean,
  ): Promise<WaitChecklist> {
    const titles = new Map(steps.map((s) => [s.id, s.title]));
    const title = messages.getMessage('heading.Waiting', [minutes]);
    let list: WaitChecklist;
    if (jsonEnabled) list = new WaitChecklist(undefined, undefined, titles);
    else if (!process.stderr.isTTY || !process.stdout.isTTY) {
      process.stderr.write(`${title}\n`);
      list = new WaitChecklist(undefined, process.stderr, titles);
    } else {
      const { ParallelMultiStageOutput } = await import('@oclif/multi-stage-output');
      list = new WaitChecklist(
        new ParallelMultiStageOutput<Record<string, unknown>>({
          title,
          stages: steps.map((s) => s.title),
          jsonEnabled,
          showElapsedTime: true,
        }),
        undefined,
        titles,
      );
    }
    for (const c of initial) list.show(c, 0, true);
    return list;
  }

  public changed(changes: readonly PersonStepCheck[], elapsedMs: number): void {
    for (const c of changes) this.show(c, elapsedMs, false);
  }

  public stop(outcome: WaitOutcome, minutes: number): void {
    const open = outcome.checks.filter((c) => c.state !== 'done').map((c) => this.titles.get(c.id) ?? c.id);
    this.stages?.stop(outcome.done ? 'completed' : 'failed');
    this.lines?.write(
      `  ${outcome.done ? messages.getMessage('line.AllDone', [Math.round(outcome.elapsedMs / 1000)]) : messages.getMessage('line.TimeUp', [minutes, open.join('; ')])}\n`,
    );
  }

  private show(c: PersonStepCheck, elapsedMs: number, first: boolean): void {
    const title = this.titles.get(c.id) ?? c.id;
    const status: Record<PersonStepState, StageStatus> = {
      done: 'completed',
      open: 'current',
      'not-checked': 'warning',
    };
    if (this.stages) {
      if (first && c.state !== 'done') this.stages.startStage(title);
      this.stages.updateStage(title, status[c.state]);
    }
    if (!this.lines) return;
    if (c.state === 'done')
      this.lines.write(`  ${messages.getMessage('line.Done', [title, Math.round(elapsedMs / 1000)])}\n`);
    else if (c.state === 'open') this.lines.write(`  ${messages.getMessage('line.Open', [title])}\n`);
    else this.lines.write(`  ${messages.getMessage('line.NotChecked', [title, c.detail])}\n`);
  }
}

export type WaitAndOpenOptions = {
  minutes: number;
  steps: readonly PersonStep[];
  initial: readonly PersonStepCheck[];
  check: (ids: Array<PersonStepCheck['id']>) => Promise<PersonStepCheck[]>;
  jsonEnabled: boolean;
  /** Opens the steps one at a time as they are done (--open). */
  opener?: StepOpener;
  clock?: WaitClock;
};

/** Waits for the person's steps with the live checklist, opening the next one as each is done. */
export async function waitWithChecklist(
  options: WaitAndOpenOptions,
): Promise<{ outcome: WaitOutcome; steps: PersonStep[] }> {
  const stateOf = (checks: readonly PersonStepCheck[]): PersonStep[] =>
    options.steps.map((s) => {
      const c = checks.find((x) => x.id === s.id);
      return c ? { ...s, state: c.state, checked: c.detail } : s;
    });
  const list = await WaitChecklist.start(
    options.minutes,
    options.steps.filter((s) => s.id !== 'other'),
    options.initial,
    options.jsonEnabled,
  );
  const outcome = await waitForPersonSteps({
    initial: options.initial,
    check: options.check,
    timeoutMs: options.minutes * 60_000,
    clock: options.clock,
    onRound: async ({ checks, changed, elapsedMs }) => {
      list.changed(changed, elapsedMs);
      if (options.opener && changed.length) await options.opener.next(stateOf(checks));
    },
  });
  list.stop(outcome, options.minutes);
  return { outcome, steps: stateOf(outcome.checks) };
}
