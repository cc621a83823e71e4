import type { Connection } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';
import { EXIT } from '../model/exit-codes.js';
import { redact, Secret } from '../model/secret.js';
import { abandon } from './abandoned-calls.js';
import { orgTimings } from './timings.js';
import { backoffMs, callTimeoutMs, classify, isRetryable, type Fault, type RetryPolicy } from './fault-policy.js';
import { sleep } from '../model/backoff.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * The kinds of Salesforce call. Every call of the org layer, of every kind, runs through CallPolicy.run, and what the
 * fault policy does with a kind is said once, in TREATMENT below.
 */
export type CallKind =
  /** A SOAP read (readMetadata, listMetadata) or a Composite API query call. */
  | 'read'
  /**
   * A REST read (a GET, a query, anonymous Apex): jsforce itself tries a GET again on a broken connection or a 5xx
   * first; what still fails after that is tried again as any read.
   */
  | 'rest read'
  /** A create or update. */
  | 'write'
  /** A delete: its repetition does no harm (a "not found" counts as done). */
  | 'delete'
  /** The request that starts a Metadata API deploy: it may land although its answer is lost. */
  | 'deploy'
  /** A poll of a sent deploy's status: a read, but a poll given up on leaves the deploy's outcome unknown. */
  | 'deploy status'
  /** A check-only deploy: Salesforce validates and saves nothing, so it may be sent again. */
  | 'check-only deploy'
  /** A poll of a check-only deploy's status. */
  | 'check-only status';

type Treatment = {
  /** Which faults the call is tried again for: the passing ones, or none (a write whose answer may be lost while it landed). */
  retry: 'passing' | 'never';
  /** A lost answer leaves the outcome unknown: the call may have changed the org. */
  changes: boolean;
};

/**
 * Every kind, one row: every call has the per-call deadline (a deploy's own wait is its polls', each one call). A
 * deploy is never sent twice; its polls are reads of a deploy that may have landed.
 */
const TREATMENT: Readonly<Record<CallKind, Treatment>> = {
  read: { retry: 'passing', changes: false },
  'rest read': { retry: 'passing', changes: false },
  write: { retry: 'never', changes: true },
  delete: { retry: 'passing', changes: true },
  deploy: { retry: 'never', changes: true },
  'deploy status': { retry: 'passing', changes: true },
  'check-only deploy': { retry: 'passing', changes: false },
  'check-only status': { retry: 'passing', changes: false },
};

export type CallOptions<T> = {
  /** Secrets the call carries, kept out of every message. */
  secrets?: readonly Secret[];
  /** Throws UnreadableAnswerError when the answer is not a well-formed answer of the call. */
  check?: (answer: T) => void;
};

/** What the policy needs of the connection: the session id to keep out of messages, the org and user an action names. */
export type Session = Pick<Connection, 'accessToken' | 'instanceUrl' | 'getUsername'>;

/**
 * Runs each Salesforce call under the fault policy (fault-policy.ts): stops first if the run was interrupted; gives up
 * waiting after the call timeout; tries a read again on a fault that can pass; ends any other fault in an SfError
 * whose words and actions are its class's. The session id and the call's secrets never reach a message.
 */
export class CallPolicy {
  #interrupted = false;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  public constructor(
    private readonly session: Session,
    options: { retry?: RetryPolicy; timeoutMs?: number } = {},
  ) {
    this.retry = options.retry ?? orgTimings().retry;
    this.timeoutMs = options.timeoutMs ?? callTimeoutMs();
  }

  public async run<T>(kind: CallKind, what: string, fn: () => Promise<T>, options: CallOptions<T> = {}): Promise<T> {
    const treatment = TREATMENT[kind];
    const attempts = treatment.retry === 'never' ? 1 : this.retry.attempts;
    const redactions = [...(options.secrets ?? []), ...this.sessionId()];
    for (let attempt = 1; ; attempt++) {
      this.stopIfInterrupted(what);
      try {
        const answer = await withTimeout(fn(), this.timeoutMs, what);
        options.check?.(answer);
        return answer;
      } catch (error) {
        const fault = classify(error);
        if (isRetryable(fault) && attempt < attempts && !this.#interrupted) {
          await sleep(backoffMs(this.retry, attempt + 1));
          continue;
        }
        throw this.faultError(what, fault, { changes: treatment.changes, attempts: attempt, redactions });
      }
    }
  }

  /** The SfError of a failed read that was not a call of its own (a Composite API subrequest). */
  public faultOf(what: string, error: unknown): SfError {
    return this.faultError(what, classify(error), { changes: false, attempts: 1, redactions: this.sessionId() });
  }

  /** Ctrl-C: the call in flight may finish; no new call starts (each then ends in an Interrupted error). */
  public interrupt(): void {
    this.#interrupted = true;
  }

  public get interrupted(): boolean {
    return this.#interrupted;
  }

  /** The session id as a secret (every call carries it), when the connection has one. */
  private sessionId(): Secret[] {
    return this.session.accessToken ? [new Secret(this.session.accessToken)] : [];
  }

  private stopIfInterrupted(what: string): void {
    if (this.#interrupted)
      throw messages
        .createError('error.Interrupted', [what], [], EXIT.interrupted)
        .setData({ errorCode: 'INTERRUPTED' });
  }

  /**
   * The SfError of a fault: its class's words and actions. A call that may have changed the org and whose answer was
   * lost says so besides (its outcome is unknown; a re-run reads what landed). Salesforce's ErrorId of an internal
   * error goes to the actions and the data, out of the message, where the CLI would take it for its own exit code.
   */
  private faultError(
    what: string,
    fault: Fault,
    context: { changes: boolean; attempts: number; redactions: readonly Secret[] },
  ): SfError {
    const { text, errorId } = withoutErrorId(redact(fault.message, context.redactions).slice(0, 500));
    const lost = context.changes && LOST.has(fault.class);
    const key = FAULT_MESSAGE[fault.class];
    const tries = context.attempts > 1 ? messages.getMessage('detail.Tries', [context.attempts]) : '';
    const username = this.session.getUsername() ?? '<username>';
    const tokens = fault.class === 'daily-limit' ? [username] : [this.session.instanceUrl, username];
    const message = messages.getMessage(key, [what, text, tries]);
    const error = new SfError(
      lost ? `${message} ${messages.getMessage('detail.OutcomeUnknown')}` : message,
      lost ? 'WriteOutcomeUnknownError' : `${key.replace(/^error\./, '')}Error`,
      [
        ...messages.getMessages(`${key}.actions`, tokens),
        ...(lost ? messages.getMessages('error.WriteOutcomeUnknown.actions', []) : []),
        ...(errorId ? [messages.getMessage('action.ErrorId', [errorId])] : []),
      ],
    );
    // The platform's code stays on the error (data.errorCode) so a caller can tell e.g. INVALID_TYPE from a refusal.
    return error.setData({
      errorCode: fault.code,
      fault: fault.class,
      ...(lost ? { outcomeUnknown: true } : {}),
      ...(errorId ? { errorId } : {}),
    });
  }
}

/** The classes of fault after which a call that changes the org may or may not have landed. */
const LOST: ReadonlySet<Fault['class']> = new Set(['connection', 'timeout', 'unreadable', 'server']);

/** Salesforce's ErrorId of an internal error ("1234567890-12345 (-1234567890)"), as the CLI recognises one. */
const ERROR_ID = /\d{9,}-\d{3,} \(-?\d{7,}\)/g;

function withoutErrorId(text: string): { text: string; errorId?: string } {
  const ids = text.match(ERROR_ID);
  if (!ids) return { text };
  return { text: text.replace(ERROR_ID, messages.getMessage('detail.ErrorIdBelow')), errorId: ids.join(', ') };
}

const FAULT_MESSAGE: Record<Fault['class'], string> = {
  session: 'error.Session',
  'daily-limit': 'error.DailyLimit',
  'concurrent-limit': 'error.ConcurrentLimit',
  connection: 'error.Connection',
  timeout: 'error.Timeout',
  unreadable: 'error.Unreadable',
  server: 'error.Server',
  'headers-too-large': 'error.HeadersTooLarge',
  permission: 'error.Permission',
  refused: 'error.ApiCall',
};

/** The call's answer, or a CallTimeoutError once the deadline passes (the call, still open, is counted as abandoned). */
async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon(promise);
      reject(
        Object.assign(new Error(`no answer to ${what} within ${Math.round(ms / 1000)} s`), {
          name: 'CallTimeoutError',
        }),
      );
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
