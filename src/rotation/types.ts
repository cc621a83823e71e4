import type { CalloutCheckResult } from '../org/callout-check.js';
import type { AppConsumer } from '../org/credentials.js';
import type { Secret } from '../model/secret.js';
import type { SecretAccessReport } from '../steps/secret-access.js';

/** Which secret a rotation renews: the RingCentral app's client secret, or the ECI app's consumer key and secret. */
export type RotationTarget = 'ringcentral' | 'eci-app';

/**
 * How far a rotation got, as written down between runs (never a key or a secret):
 * - accepted: RingCentral accepted the new client secret; it is to be entered in Setup;
 * - staging, staged: a new key and secret are (being) staged next to the app's own;
 * - rotating, switched: the staged pair is (being) made the app's; the former stays valid until retired.
 */
export type RotationStage = 'accepted' | 'staging' | 'staged' | 'rotating' | 'switched';

export type RotationProgress = {
  target: RotationTarget;
  stage: RotationStage;
  /** When the stage was reached (this machine's clock). */
  at: string;
  /** The auth provider's lastModifiedDate (the org's clock) when the stage was reached: a later one is a Save in Setup. */
  providerModifiedAt?: string;
  /** The app's OAuth consumer and the staged credential (ids, not secrets). */
  consumer?: AppConsumer;
  stagedId?: string;
};

/** Where a rotation's progress is kept between runs (one record per org and target). */
export type RotationLog = {
  read(orgId: string, target: RotationTarget): Promise<RotationProgress | undefined>;
  write(orgId: string, progress: RotationProgress): Promise<void>;
  clear(orgId: string, target: RotationTarget): Promise<void>;
};

export type RotationStepId =
  | 'check-secret'
  | 'enter-secret'
  | 'stage'
  | 'switch'
  | 'enter-credentials'
  | 'consent'
  | 'retire'
  | 'connected-app';

/** done; planned (a dry run, or later in this rotation); open: a person's step still to do. */
export type RotationStepStatus = 'done' | 'planned' | 'open';

/** One step of a rotation, the plugin's or a person's (with the exact URL to do it at). */
export type RotationStep = {
  id: RotationStepId;
  title: string;
  status: RotationStepStatus;
  /** A step only a person can do (in a browser). */
  person: boolean;
  url?: string;
  detail?: string;
};

/**
 * rotated: done, proven and (the ECI app) the former credentials retired; waiting: a person's step is open (a re-run
 * or --wait finishes); planned: a dry run; handed-over: a Connected App, whose credentials only Setup rotates.
 */
export type RotationStatus = 'rotated' | 'waiting' | 'planned' | 'handed-over';

export type RotationDetails = {
  target: RotationTarget;
  status: RotationStatus;
  steps: RotationStep[];
  /** The ECI app: until when the former key and secret stay valid if nobody retires them (the org's word). */
  formerValidUntil?: string;
  /** The org's REST secrets setting turned on for this run's calls (with the admin's consent), and whether it is back. */
  secretAccess?: SecretAccessReport;
};

/** What a rotation is given: the new secret (RingCentral) where it came from the environment or stdin. */
export type RotationInputs = {
  target: RotationTarget;
  clientSecret?: Secret;
  log: RotationLog;
  /** With --wait: minutes to wait for the person's steps, re-checking them; the clock for tests. */
  wait?: { minutes: number; sleep?: (ms: number) => Promise<void>; now?: () => number };
};

/** What the ECI app's read-only checks found: the provider holds the app's key (saved since the switch), the callout. */
export type EciProof = { keyHanded: boolean; saved?: boolean; callout: CalloutCheckResult };
