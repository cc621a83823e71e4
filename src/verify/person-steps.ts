/*
 * The steps only a person can do in a browser, and the read-only check that tells whether each is done: one module,
 * so that configure's hand-over and verify's --wait/--open decide the same way.
 *  - ringcentral-redirect-uri: Salesforce's callback URL registered as the RingCentral app's redirect URI (RingCentral's
 *    authorize endpoint, which needs the client id only: no secret);
 *  - consent:<named credential>: the OAuth consent of each named credential (a callout through it);
 *  - propagation: a new OAuth app works (the ECI named credential's callout works), or its ten minutes are over.
 * A step no read-only check decides is "not-checked" with the reason, never "done".
 */
import { Messages } from '@salesforce/core';
import type { NextStep } from '../model/component.js';
import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { propagationStep, reauthorizeStep, ringCentralAppCreationStep } from '../guide/next-steps.js';
import type { RingCentralPlatform } from '../guide/ringcentral-environment.js';
import { checkNamedCredentialCallouts, type CalloutCheckResult } from '../org/callout-check.js';
import type { OrgReads } from '../org/port.js';
import { checkRingCentralRedirectUri, type RingCentralCheckOptions } from '../ringcentral/checks.js';
import type { StepReport } from '../steps/run-steps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'person-steps');

export type PersonStepId =
  | 'ringcentral-redirect-uri'
  | 'consent:Ring_Central'
  | 'consent:ECI_Named_Credential'
  | 'propagation'
  | 'other';
export type PersonStepState = 'open' | 'done' | 'not-checked';

/** A step only a person can do, with its state. */
export type PersonStep = NextStep & {
  /** Which check decides it; `other` for a step no read-only check can decide (always not-checked). */
  id: PersonStepId;
  state: PersonStepState;
  /** What the check found; for not-checked, why it could not decide. */
  checked?: string;
};

/** The result of one check. */
export type PersonStepCheck = {
  id: Exclude<PersonStepId, 'other'>;
  state: PersonStepState;
  detail: string;
  /** A rate limit's Retry-After, in seconds: ask again no sooner. */
  retryAfterSeconds?: number;
};

/** What the checks need to know of the org and the RingCentral app. */
export type PersonStepTarget = {
  org: Pick<OrgReads, 'apiVersion' | 'executeAnonymous'>;
  /** The RingCentral app and Salesforce's callback URL; absent when unknown (the redirect URI is then not checked). */
  ringCentral?: { clientId: string; platform: RingCentralPlatform; callbackUrl: string };
  /** When the ECI app was created or changed in this run (ms): its ten minutes run from then. */
  appChangedAt?: number;
  now?: () => number;
  ringCentralOptions?: RingCentralCheckOptions;
  /** Named credentials this run created: nobody can have given their consent yet, which needs no callout to tell. */
  created?: ReadonlySet<string>;
  /** Ask the org anew, not what the run already asked (a wait watches for what the person does meanwhile). */
  fresh?: boolean;
};

/** The target of a check asked again and again while a person works: every callout is sent anew. */
export const watching = (target: PersonStepTarget): PersonStepTarget => ({
  ...target,
  created: undefined,
  fresh: true,
});

/**
 * A RingCentral 429 is not waited for inside a check: the check says not-checked with the Retry-After, and the wait
 * loop (or the next run) asks again no sooner.
 */
export const NO_RETRY_WAIT: RingCentralCheckOptions = { maxRetryAfterSeconds: 0 };

/** Salesforce takes up to ten minutes to make a new or changed OAuth app usable. */
export const PROPAGATION_MS = 10 * 60_000;

const CONSENTS = {
  'consent:Ring_Central': RINGCENTRAL_NAMED_CREDENTIAL,
  'consent:ECI_Named_Credential': ECI_NAMED_CREDENTIAL,
} as const;

/** The order to do them in. */
export const PERSON_STEP_ORDER: ReadonlyArray<PersonStepCheck['id']> = [
  'ringcentral-redirect-uri',
  'consent:Ring_Central',
  'consent:ECI_Named_Credential',
  'propagation',
];

/** The verify check that reports each person's step. */
export const VERIFY_CHECK_OF: Readonly<Record<PersonStepCheck['id'], string | undefined>> = {
  'ringcentral-redirect-uri': 'ringcentral-redirect-uri',
  'consent:Ring_Central': 'callout:Ring_Central',
  'consent:ECI_Named_Credential': 'callout:ECI_Named_Credential',
  propagation: undefined,
};

/** Runs the checks of `ids`, in parallel, each once. Never throws: a check that cannot run is not-checked. */
export async function checkPersonSteps(
  ids: ReadonlyArray<PersonStepCheck['id']>,
  target: PersonStepTarget,
): Promise<PersonStepCheck[]> {
  const wanted = [...new Set(ids)];
  // Every consent in one callout check (the propagation's own check is the ECI one), asked once.
  let consents: Promise<Map<ConsentId, PersonStepCheck>> | undefined;
  const consent = async (id: ConsentId): Promise<PersonStepCheck> => {
    consents ??= checkConsents(target);
    return (await consents).get(id)!;
  };
  return Promise.all(
    wanted.map((id): Promise<PersonStepCheck> => {
      if (id === 'ringcentral-redirect-uri') return checkRedirect(target);
      if (id === 'propagation') return checkPropagation(consent('consent:ECI_Named_Credential'), target);
      return consent(id);
    }),
  );
}

async function checkRedirect(target: PersonStepTarget): Promise<PersonStepCheck> {
  const id = 'ringcentral-redirect-uri';
  const rc = target.ringCentral;
  if (!rc) return { id, state: 'not-checked', detail: messages.getMessage('notChecked.NoRingCentralApp') };
  const r = await checkRingCentralRedirectUri(
    { server: rc.platform.server, clientId: rc.clientId, redirectUri: rc.callbackUrl },
    target.ringCentralOptions,
  );
  if (r.status === 'pass') return { id, state: 'done', detail: r.detail };
  if (r.reason === 'redirect-mismatch' || r.reason === 'redirect-missing')
    return { id, state: 'open', detail: r.detail };
  // The app itself is wrong, RingCentral did not answer, or it asks to wait: this check cannot tell.
  return {
    id,
    state: 'not-checked',
    detail: r.detail,
    ...(r.retryAfterSeconds !== undefined ? { retryAfterSeconds: r.retryAfterSeconds } : {}),
  };
}

type ConsentId = keyof typeof CONSENTS;

/**
 * Each consent's state: open without asking for a named credential this run created; else from one callout check
 * of them all (the guide's order: the same request the read phase sent, answered from memory when nothing changed).
 */
async function checkConsents(target: PersonStepTarget): Promise<Map<ConsentId, PersonStepCheck>> {
  const ids = Object.keys(CONSENTS) as ConsentId[];
  const created = ids.filter((id) => target.created?.has(CONSENTS[id].fullName));
  const asked = ids.filter((id) => !created.includes(id));
  const out = new Map<ConsentId, PersonStepCheck>(
    created.map((id) => [
      id,
      { id, state: 'open', detail: messages.getMessage('consent.NewNamedCredential', [CONSENTS[id].label]) },
    ]),
  );
  if (!asked.length) return out;
  try {
    const results = await checkNamedCredentialCallouts(
      target.org,
      asked.map((id) => ({ namedCredential: CONSENTS[id].fullName })),
      { fresh: target.fresh },
    );
    asked.forEach((id, i) => out.set(id, consentState(id, results[i])));
  } catch (error) {
    const detail = messages.getMessage('notChecked.CalloutRefused', [(error as Error).message]);
    for (const id of asked) out.set(id, { id, state: 'not-checked', detail });
  }
  return out;
}

/** What a callout through a named credential says of its consent. */
function consentState(id: ConsentId, r: CalloutCheckResult): PersonStepCheck {
  if (r.status === 'pass') return { id, state: 'done', detail: r.detail };
  if (r.reason === 'not-authorised') return { id, state: 'open', detail: r.detail };
  // Missing, another status, an error: the callout does not tell whether the consent was given.
  return { id, state: 'not-checked', detail: r.detail };
}

async function checkPropagation(
  eciConsent: Promise<PersonStepCheck>,
  target: PersonStepTarget,
): Promise<PersonStepCheck> {
  const id = 'propagation';
  const works = await eciConsent;
  if (works.state === 'done') return { id, state: 'done', detail: messages.getMessage('propagation.Works') };
  if (target.appChangedAt === undefined)
    return { id, state: 'not-checked', detail: messages.getMessage('notChecked.NoAppTime') };
  const until = target.appChangedAt + PROPAGATION_MS;
  const now = (target.now ?? Date.now)();
  return now >= until
    ? { id, state: 'done', detail: messages.getMessage('propagation.TimeOver') }
    : {
        id,
        state: 'open',
        detail: messages.getMessage('propagation.Until', [
          new Date(until).toISOString(),
          Math.ceil((until - now) / 60_000),
        ]),
      };
}

/**
 * Which person's step each hand-over entry is, from the reports of the steps that made them: the RingCentral auth
 * provider's first entry (or the app creation link) is the redirect URI, each named credential's entry (or its
 * "authorize again") its consent, the ten-minute wait the propagation; anything else no check decides.
 */
export function identifyPersonSteps(
  steps: readonly StepReport[],
  handOver: readonly NextStep[],
): Array<NextStep & { id: PersonStepId }> {
  const of = (id: string): StepReport | undefined => steps.find((s) => s.id === id);
  const redirect = of('ringcentral-auth-provider')?.nextSteps[0];
  const rcConsent = of('ringcentral-named-credential')?.nextSteps[0];
  const eciConsent = of('eci-named-credential')?.nextSteps[0];
  const creationTitle = ringCentralAppCreationStep('').title;
  const reauthorizeTitle = reauthorizeStep(RINGCENTRAL_NAMED_CREDENTIAL.label).title;
  const propagationTitle = propagationStep().title;
  const same = (a: NextStep, b: NextStep | undefined): boolean =>
    b !== undefined && (a === b || (a.title === b.title && a.url === b.url));
  return handOver.map((s) => {
    const id: PersonStepId =
      same(s, redirect) || s.title === creationTitle
        ? 'ringcentral-redirect-uri'
        : same(s, rcConsent) || s.title === reauthorizeTitle
          ? 'consent:Ring_Central'
          : same(s, eciConsent)
            ? 'consent:ECI_Named_Credential'
            : s.title === propagationTitle
              ? 'propagation'
              : 'other';
    return { ...s, id };
  });
}

/** The hand-over entries with the checks' states; a step no check decides is not-checked with the reason. */
export function withStates(
  entries: ReadonlyArray<NextStep & { id: PersonStepId }>,
  checks: readonly PersonStepCheck[],
  options: { dryRun?: boolean } = {},
): PersonStep[] {
  return entries.map((e) => {
    const c = e.id === 'other' ? undefined : checks.find((x) => x.id === e.id);
    if (!c)
      return {
        ...e,
        state: 'not-checked',
        checked: messages.getMessage(
          options.dryRun ? 'notChecked.DryRun' : e.id === 'other' ? 'notChecked.NoCheck' : 'notChecked.NotRun',
        ),
      };
    const notChecked = c.state === 'not-checked' && !c.detail.startsWith(messages.getMessage('notChecked.Prefix'));
    return {
      ...e,
      state: c.state,
      checked: notChecked ? `${messages.getMessage('notChecked.Prefix')} ${c.detail}` : c.detail,
    };
  });
}

/** The ids of `entries` a check can decide, each once, in the order to do them. */
export function checkableIds(entries: ReadonlyArray<{ id: PersonStepId }>): Array<PersonStepCheck['id']> {
  return PERSON_STEP_ORDER.filter((id) => entries.some((e) => e.id === id));
}

/** What a person still has to do: every step not done, in the order given. */
export const stillOpen = <T extends { state: PersonStepState }>(steps: readonly T[]): T[] =>
  steps.filter((s) => s.state !== 'done');

/** The person's steps as verify sees them: the redirect URI and both consents, from the guide steps' dry-run reports. */
export function verifyHandOver(steps: readonly StepReport[]): Array<NextStep & { id: PersonStepId }> {
  const first = (id: string): NextStep | undefined => steps.find((s) => s.id === id)?.nextSteps[0];
  const entries = [
    first('ringcentral-auth-provider'),
    first('ringcentral-named-credential'),
    first('eci-named-credential'),
  ].filter((s): s is NextStep => s !== undefined);
  return identifyPersonSteps(steps, entries);
}
