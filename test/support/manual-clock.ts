/*
 * The clock of the person's-steps wait (src/verify/wait.ts realClock), run by the test in process: no real second
 * passes. Each sleep moves the clock on by what was asked and ends at once, so a minute's wait takes milliseconds; or,
 * held, it waits for the test to wake it, so a test acts between two rounds of checks as a person would while the
 * command waits. Only for in-process runs: a real `sf` process has its own clock.
 */
import sinon from 'sinon';
import { realClock } from '../../src/verify/wait.js';

export class ManualClock {
  private ms = Date.now();
  private sleeper?: () => void;
  private waiting?: () => void;
  private held = false;
  private readonly stubs: sinon.SinonStub[] = [];

  /** From now on the plugin's wait sleeps on this clock (until restore). */
  public install(): this {
    this.stubs.push(sinon.stub(realClock, 'now').callsFake(() => this.ms));
    this.stubs.push(sinon.stub(realClock, 'sleep').callsFake((ms: number) => this.sleep(ms)));
    return this;
  }

  public restore(): void {
    for (const s of this.stubs.splice(0)) s.restore();
  }

  /** Resolves once the command sleeps (between two rounds of checks). */
  public asleep(): Promise<void> {
    if (this.sleeper) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Ends the current sleep; the command checks again. */
  public wake(): void {
    const wake = this.sleeper;
    this.sleeper = undefined;
    wake?.();
  }

  /** From now on each sleep waits for wake(). */
  public hold(): void {
    this.held = true;
  }

  /** Lets every sleep, this one and those to come, end at once. */
  public run(): void {
    this.held = false;
    this.wake();
  }

  private sleep(ms: number): Promise<void> {
    this.ms += ms;
    if (!this.held) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleeper = resolve;
      this.waiting?.();
      this.waiting = undefined;
    });
  }
}
