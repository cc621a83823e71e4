/* Failure injection: the next matching component (or record) write answers success=false with a given error. */
import type { ComponentError, FailureMatch } from './types.js';

type Pending = { match: FailureMatch; error: { statusCode: string; message: string } };

export class FailureQueue {
  private readonly pending: Pending[] = [];

  public add(match: FailureMatch, error: { statusCode: string; message: string }): void {
    this.pending.push({ match, error });
  }

  /** Removes and returns the first pending failure matching this component, if any. */
  public take(operation: string, type: string | undefined, fullName: string | undefined): ComponentError | undefined {
    const i = this.pending.findIndex(
      ({ match }) =>
        match.operation === operation &&
        (match.type === undefined || match.type === type) &&
        (match.fullName === undefined ||
          (fullName !== undefined && match.fullName.toLowerCase() === fullName.toLowerCase())),
    );
    if (i < 0) return undefined;
    const [p] = this.pending.splice(i, 1);
    return { statusCode: p.error.statusCode, message: p.error.message, fields: [] };
  }

  public get size(): number {
    return this.pending.length;
  }
}
