import type { Connection } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';
import { EXIT } from '../model/exit-codes.js';
import { redact, Secret } from '../model/secret.js';
import {
  backoffMs,
  callTimeoutMs,
  classify,
  isRetryable,
  retryPolicy,
  type Fault,
  type RetryPolicy,
} from './fault-policy.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'org');

/**
 * The kinds of Salesforce call. Every call of the org layer, of every kind, runs through CallPolicy.run, and what the
 * fault policy does with a kind is said once, in TREATMENT below.
 */
export type CallKind =
  /** A SOAP read (readMetadata, listMetadata) or a Composite API query call. */
  | 'read'
  /** A REST read (a GET, a query, anonymous Apex), which jsforce itself already tries again on a broken connection. */
  | 'rest read'
  /** A create or update. */
  | 'write'
  /** A delete: its repetition does no harm (a "not found" counts as done). */
  | 'delete'
  /** A Metadata API deploy, polled until done. */
  | 'deploy'
  /** A check-only deploy: Salesforce validates and saves nothing. */
  | 'check-only deploy';

type Treatment = {
  /**
   * Which faults the call is tried again for: a read's passing ones; only an answer that could not be read (jsforce
   * tried the transport again already); none, for a write whose answer may be lost while the write landed.
   */
  retry: 'passing' | 'unreadable' | 'never';
  /** A lost answer leaves the outcome unknown: the call may have changed the org. */
  changes: boolean;
  /** Given up on after the per-call timeout; a deploy keeps its own clock (it polls until its own wait is over). */
  timed: boolean;
  /** Errors the call already gives in its own words (a deploy's own SfErrors), passed on as they are. */
  ownWords: (error: unknown) => boolean;
};

const none = (): boolean => false;

const TREATMENT: Readonly<Record<CallKind, Treatment>> = {
  read: { retry: 'passing', changes: false, timed: true, ownWords: none },
  'rest read': { retry: 'unreadable', changes: false, timed: true, ownWords: none },
  write: { retry: 'never', changes: true, timed: true, ownWords: none },
  delete: { retry: 'passing', changes: true, timed: true, ownWords: none },
  deploy: { retry: 'never', changes: true, timed: false, ownWords: () => true },
  'check-only deploy': { retry: 'never', changes: false, timed: false, ownWords: (e) => e instanceof SfError },
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
    this.retry = options.retry ?? retryPolicy();
    this.timeoutMs = options.timeoutMs ?? callTimeoutMs();
  }

  public async run<T>(kind: CallKind, what: string, fn: () => Promise<T>, options: CallOptions<T> = {}): Promise<T> {
    const treatment = TREATMENT[kind];
    const attempts = treatment.retry === 'never' ? 1 : this.retry.attempts;
    const redactions = [...(options.secrets ?? []), ...this.sessionId()];
    for (let attempt = 1; ; attempt++) {
      this.stopIfInterrupted(what);
      try {
        const answer = await (treatment.timed ? withTimeout(fn(), this.timeoutMs, what) : fn());
        options.check?.(answer);
        return answer;
      } catch (error) {
        if (treatment.ownWords(error)) throw error;
        const fault = classify(error);
        const retryable = treatment.retry === 'unreadable' ? fault.class === 'unreadable' : isRetryable(fault);
        if (retryable && attempt < attempts && !this.#interrupted) {
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

  /** The SfError of a fault: its class's message and actions; a write's lost answer says its outcome is unknown. */
  private faultError(
    what: string,
    fault: Fault,
    context: { changes: boolean; attempts: number; redactions: readonly Secret[] },
  ): SfError {
    const text = redact(fault.message, context.redactions).slice(0, 500);
    const lost = context.changes && ['connection', 'timeout', 'unreadable', 'server'].includes(fault.class);
    const key = lost ? 'error.WriteOutcomeUnknown' : FAULT_MESSAGE[fault.class];
    const tries = context.attempts > 1 ? messages.getMessage('detail.Tries', [context.attempts]) : '';
    const error = messages.createError(
      key,
      [what, text, tries],
      [this.session.instanceUrl, this.session.getUsername() ?? '<username>'],
    );
    // The platform's code stays on the error (data.errorCode) so a caller can tell e.g. INVALID_TYPE from a refusal.
    return error.setData({ errorCode: fault.code, fault: fault.class });
  }
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          Object.assign(new Error(`no answer to ${what} within ${Math.round(ms / 1000)} s`), {
            name: 'CallTimeoutError',
          }),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
