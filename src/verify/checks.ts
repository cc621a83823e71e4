import { Messages, SfError } from '@salesforce/core';
import type { Secret } from '../model/secret.js';
import { metadataRef, type ComponentResult, type FieldChange } from '../model/component.js';
import { isSecretSafeUrl } from '../model/secure-url.js';
import { eciCallbackUrl } from '../guide/eci-auth-provider.js';
import { ECI_NAMED_CREDENTIAL, RINGCENTRAL_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { ringCentralCallbackUrl } from '../guide/ringcentral-auth-provider.js';
import { platformOfTokenUrl } from '../guide/ringcentral-environment.js';
import { checkNamedCredentialCallouts, type CalloutCheckReason } from '../org/callout-check.js';
import { appConsumerKey } from '../org/credentials.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import type { KnownFacts, OrgPort } from '../org/port.js';
import type { OrgReads } from '../org/port.js';
import {
  checkRingCentralCredentials,
  checkRingCentralRedirectUri,
  type RingCentralCheckResult,
} from '../ringcentral/checks.js';
import { GUIDE_ORDER, guideStep, scheduleGuide } from '../steps/index.js';
import { runGuideSteps, type StepReport } from '../steps/run-steps.js';
import { readPrerequisites } from '../steps/prerequisites.js';
import type { PrerequisiteCheck } from '../guide/prerequisites.js';
import type { StepContext } from '../steps/step.js';
import { consentCalloutReads } from '../steps/consent-callouts.js';
import { EXPECTED_PARTS } from '../steps/eci-connected-app.js';
import { readVerifyFacts, stepInputs, type VerifyFacts, type VerifyOverrides } from './discover.js';
import { recogniseRefresh, type RefreshFinding } from './refresh.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'verify');

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One line of the checklist. */
export type VerifyCheck = {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found; for a skipped check, why it could not run. */
  detail: string;
  /** What to do (failed checks). */
  actions?: string[];
  /** For a component check: each component that differs from the guide, with the fields that differ. */
  drift?: Array<{
    type: string;
    name: string;
    missing: boolean;
    fields: DriftField[];
  }>;
};

/**
 * A field that differs from the guide: what the org holds, what the guide wants, and what configure does with it:
 * `change` it to the guide's value; `add` the guide's entries to a list and keep the admin's own; `setup`: change the
 * consumer key, the secret that goes with it being entered by a person in Setup. Fields the guide does not name are the
 * admin's own settings: never listed, always kept.
 */
export type DriftField = { field: string; current?: string; desired: string; configure: 'change' | 'add' | 'setup' };

/** The command that repairs each guide step. */
const REPAIR: Record<string, string> = {
  'integration-user': 'integration-user',
  'ringcentral-auth-provider': 'create-auth-provider',
  'ringcentral-named-credential': 'create-named-credential',
  'eci-connected-app': 'connected-app',
  'eci-auth-provider': 'create-auth-provider --provider eci',
  'voice-connector-site': 'site',
  'eci-named-credential': 'create-named-credential --provider eci',
  'guest-user-permissions': 'guest-permissions',
};

export type VerifyOptions = {
  overrides: VerifyOverrides;
  /** The RingCentral client secret, when given: without it the credentials check is skipped. */
  clientSecret?: Secret;
  /** Given the guide steps' dry-run reports (their hand-over says what only a person can do). */
  onReports?: (reports: readonly StepReport[]) => void;
  /** Send the callouts anew (a second checklist after a wait), not what the run asked already. */
  fresh?: boolean;
  /** Called when the org looks like a refreshed sandbox (refresh.ts). */
  onRefresh?: (finding: RefreshFinding) => void;
};

/**
 * Every check, read-only: the guide's steps run as a dry run (their plan is the drift), the callback URLs,
 * the RingCentral app (through RingCentral's OAuth endpoints), and a callout through each named credential.
 * Independent checks run in parallel.
 */
export async function runVerifyChecks(ctx: StepContext, options: VerifyOptions): Promise<VerifyCheck[]> {
  if (!ctx.dryRun) throw new SfError('verify runs the guide steps as a dry run only.');
  // The read phase: what verify looks at, then what each guide step it discovers reads, at once.
  await verifyReadPhase(ctx.org, ctx.facts, options.overrides);
  const facts = await readVerifyFacts(ctx.org);
  const inputs = stepInputs(facts, options.overrides);
  const scheduled = scheduleGuide(inputs);

  // What the guide presumes, beside the steps' own first reads (the same requests, so each is sent once).
  const [prerequisites, reports, ringCentral, callouts, appKey] = await Promise.all([
    readPrerequisites(ctx.org, ctx.facts.myDomainUrl, scheduled),
    runGuideSteps(scheduled, ctx),
    ringCentralChecks(facts, ctx.facts.myDomainUrl, options),
    calloutChecks(ctx.org, options.fresh),
    facts.eciAuthProvider ? appConsumerKey(ctx.org, ECI_CONNECTED_APP.fullName, EXPECTED_PARTS) : undefined,
  ]);
  options.onReports?.(reports);
  const refresh = recogniseRefresh({
    facts,
    myDomainUrl: ctx.facts.myDomainUrl,
    ...(appKey ? { appKey } : {}),
    tokensMissing: callouts.every((c) => c.reason === 'not-authorised'),
  });
  if (refresh) options.onRefresh?.(refresh);
  const stepChecks = GUIDE_ORDER.map((id): VerifyCheck => {
    const report = reports.find((r) => r.id === id);
    // Only the integration user's step can be without inputs: verify was not told which user it is.
    return report
      ? stepCheck(report)
      : {
          id: `step:${id}`,
          title: guideStep(id).title,
          status: 'skip',
          detail: messages.getMessage('skip.NoIntegrationUsername'),
        };
  });
  return [
    ...prerequisites.map(prerequisiteCheck),
    ...stepChecks,
    callbackCheck(facts, ctx.facts.myDomainUrl),
    ...ringCentral,
    ...callouts.map((c) => c.check),
  ];
}

/** A prerequisite of the guide as a check: missing fails, with what to do and its Setup URL. */
export function prerequisiteCheck(p: PrerequisiteCheck): VerifyCheck {
  const id = `prerequisite:${p.id}`;
  if (p.status === 'met')
    return { id, title: p.title, status: 'pass', detail: messages.getMessage('detail.PrerequisiteMet') };
  return { id, title: p.title, status: 'fail', detail: p.detail ?? '', actions: [p.action ?? p.setupUrl] };
}

/**
 * Verify's read phase: what it looks at, then what each guide step it discovers reads. The steps' reads with the
 * guide's defaults go with the first round (most do not depend on what the org has); those with the inputs discovered
 * follow where they differ. Run once before the checks (the verify command starts it with the facts' read); a second
 * run finds everything known and sends nothing.
 */
export async function verifyReadPhase(org: OrgPort, facts: KnownFacts, overrides: VerifyOverrides): Promise<void> {
  // Each step's reads and its prerequisites' (the checks runVerifyChecks makes), with the same inputs.
  const stepReads = (discovered: VerifyFacts, reader: OrgReads): Array<Promise<unknown>> => {
    const scheduled = scheduleGuide(stepInputs(discovered, overrides));
    return [
      ...scheduled.map((s) => s.reads?.(facts, reader) ?? Promise.resolve()),
      readPrerequisites(reader, facts.myDomainUrl, scheduled),
    ];
  };
  await org.readPhase(async (reader) => {
    await Promise.allSettled([
      consentCalloutReads(reader),
      ...stepReads({}, reader),
      readVerifyFacts(reader).then((discovered) => Promise.allSettled(stepReads(discovered, reader))),
    ]);
  });
}

function describeDrift(components: readonly ComponentResult[]): VerifyCheck['drift'] {
  return components
    .filter((c) => c.action !== 'unchanged')
    .map((c) => ({
      type: c.type,
      name: c.name,
      missing: c.action === 'create',
      fields:
        c.action === 'create'
          ? []
          : c.changes.map(
              (ch): DriftField => ({
                field: ch.field,
                ...(ch.current === undefined ? {} : { current: ch.current }),
                desired: ch.desired,
                configure: whatConfigureDoes(c.type, ch),
              }),
            ),
    }));
}

const entries = (text: string): string[] =>
  text
    .split(/\r?\n|,/)
    .map((e) => e.trim())
    .filter(Boolean);

/** What configure does with a field that differs (see DriftField): the merge policy of model/fields.ts, in words. */
function whatConfigureDoes(type: string, change: FieldChange): DriftField['configure'] {
  if (type === 'AuthProvider' && change.field === 'consumerKey') return 'setup';
  // A list (profiles, scopes, callback URLs) keeps the admin's entries: the desired value holds every current one.
  const have = entries(change.current ?? '');
  const want = entries(change.desired);
  return have.length > 0 && want.length > have.length && have.every((e) => want.includes(e)) ? 'add' : 'change';
}

/** A guide step, as a dry run: unchanged means the org matches the guide. */
export function stepCheck(report: StepReport): VerifyCheck {
  const id = `step:${report.id}`;
  const repair = messages.getMessage('action.Repair', [REPAIR[report.id] ?? 'configure']);
  switch (report.status) {
    case 'unchanged':
      return {
        id,
        title: report.title,
        status: 'pass',
        detail: messages.getMessage('detail.Matches', [
          report.components.length === 1 ? '1 component' : `${report.components.length} components`,
        ]),
      };
    case 'skipped':
      return { id, title: report.title, status: 'skip', detail: report.reason ?? '' };
    case 'failed':
      return {
        id,
        title: report.title,
        status: 'fail',
        detail: report.reason ?? '',
        actions: report.actions?.length ? report.actions : [repair],
      };
    default: {
      const drift = describeDrift(report.components) ?? [];
      const missing = drift.filter((d) => d.missing).map((d) => `${d.type} ${d.name}`);
      const changed = drift
        .filter((d) => !d.missing)
        .map((d) => `${d.type} ${d.name} (${d.fields.map((f) => f.field).join(', ')})`);
      const detail = [
        ...(missing.length ? [messages.getMessage('detail.Missing', [missing.join(', ')])] : []),
        ...(changed.length ? [messages.getMessage('detail.Differs', [changed.join('; ')])] : []),
      ].join(' ');
      return { id, title: report.title, status: 'fail', detail, actions: [repair], drift };
    }
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The ECI app's callback URL and the ECI named credential's URL must be on the org's own My Domain. */
export function callbackCheck(facts: VerifyFacts, myDomainUrl: string): VerifyCheck {
  const title = messages.getMessage('title.Callbacks');
  const expectedCallback = eciCallbackUrl(myDomainUrl);
  const expectedEndpoint = `${myDomainUrl}/`;
  const oauthConfig = facts.connectedApp?.oauthConfig as Record<string, unknown> | undefined;
  const appCallbacks = text(oauthConfig?.callbackUrl) ?? text(facts.externalClientAppGlobalOauth?.callbackUrl) ?? '';
  const endpoint = text(facts.eciNamedCredential?.endpoint);
  if (!appCallbacks && endpoint === undefined) {
    return { id: 'callback-urls', title, status: 'skip', detail: messages.getMessage('skip.NoEciComponents') };
  }
  const problems: string[] = [];
  if (
    appCallbacks &&
    !appCallbacks
      .split(/\r?\n/)
      .map((l) => l.trim())
      .includes(expectedCallback)
  ) {
    problems.push(messages.getMessage('detail.AppCallback', [appCallbacks.replace(/\r?\n/g, ', '), expectedCallback]));
  }
  if (endpoint !== undefined && endpoint.replace(/\/+$/, '') !== myDomainUrl) {
    problems.push(messages.getMessage('detail.NamedCredentialEndpoint', [endpoint, expectedEndpoint]));
  }
  return problems.length
    ? {
        id: 'callback-urls',
        title,
        status: 'fail',
        detail: problems.join(' '),
        actions: [messages.getMessage('action.Repair', ['configure'])],
      }
    : { id: 'callback-urls', title, status: 'pass', detail: messages.getMessage('detail.CallbacksOk', [myDomainUrl]) };
}

function fromRingCentral(id: string, title: string, r: RingCentralCheckResult): VerifyCheck {
  // An answer that does not decide (unreachable, rate-limited) is not a pass: it is reported as failed to run.
  return {
    id,
    title,
    status: r.status === 'pass' ? 'pass' : 'fail',
    detail: r.detail,
    ...(r.action ? { actions: [r.action] } : {}),
  };
}

async function ringCentralChecks(
  facts: VerifyFacts,
  myDomainUrl: string,
  options: VerifyOptions,
): Promise<VerifyCheck[]> {
  const credentialsTitle = messages.getMessage('title.RingCentralCredentials');
  const redirectTitle = messages.getMessage('title.RingCentralRedirect');
  const provider = facts.ringCentralAuthProvider;
  const clientId =
    options.overrides.clientId ?? (typeof provider?.consumerKey === 'string' ? provider.consumerKey : undefined);
  const platform = options.overrides.platform ?? platformOfTokenUrl(provider?.tokenUrl);
  if (!clientId || !platform) {
    const detail = messages.getMessage('skip.NoRingCentralProvider');
    return [
      { id: 'ringcentral-credentials', title: credentialsTitle, status: 'skip', detail },
      { id: 'ringcentral-redirect-uri', title: redirectTitle, status: 'skip', detail },
    ];
  }
  // The secret goes only to an https server (or this machine's loopback), whatever the org's auth provider names.
  if (!isSecretSafeUrl(platform.server)) {
    const insecure: VerifyCheck = {
      id: 'ringcentral-credentials',
      title: credentialsTitle,
      status: 'fail',
      detail: messages.getMessage('detail.InsecureServer', [platform.server]),
      actions: [messages.getMessage('action.Repair', ['create-auth-provider'])],
    };
    return [insecure, { ...insecure, id: 'ringcentral-redirect-uri', title: redirectTitle }];
  }
  const redirectUri = ringCentralCallbackUrl(myDomainUrl);
  const [credentials, redirect] = await Promise.all([
    options.clientSecret
      ? checkRingCentralCredentials({
          server: platform.server,
          clientId,
          clientSecret: options.clientSecret,
          redirectUri,
        })
      : undefined,
    checkRingCentralRedirectUri({ server: platform.server, clientId, redirectUri }),
  ]);
  return [
    credentials
      ? fromRingCentral('ringcentral-credentials', credentialsTitle, credentials)
      : {
          id: 'ringcentral-credentials',
          title: credentialsTitle,
          status: 'skip',
          detail: messages.getMessage('skip.NoSecret'),
        },
    fromRingCentral('ringcentral-redirect-uri', redirectTitle, redirect),
  ];
}

/** The named credentials' URLs, to name the URL each callout reached (the steps' reads already asked for them). */
async function namedCredentialEndpoints(org: OrgPort, names: readonly string[]): Promise<Array<string | undefined>> {
  try {
    const states = await org.readMetadata(names.map((n) => metadataRef('NamedCredential', n)));
    return states.map((s) => (s.exists ? text(s.fields.endpoint) : undefined));
  } catch {
    return names.map(() => undefined);
  }
}

/**
 * A callout through each of the guide's named credentials, in one call (the read phase's, when nothing changed), with
 * why each failed (a missing token tells of a refresh).
 */
async function calloutChecks(
  org: OrgPort,
  fresh = false,
): Promise<Array<{ check: VerifyCheck; reason?: CalloutCheckReason }>> {
  const credentials = [RINGCENTRAL_NAMED_CREDENTIAL, ECI_NAMED_CREDENTIAL];
  const endpoints = await namedCredentialEndpoints(
    org,
    credentials.map((nc) => nc.fullName),
  );
  const check = (nc: (typeof credentials)[number]): Pick<VerifyCheck, 'id' | 'title'> => ({
    id: `callout:${nc.fullName}`,
    title: messages.getMessage('title.Callout', [nc.label]),
  });
  try {
    const results = await checkNamedCredentialCallouts(
      org,
      credentials.map((nc, i) => ({
        namedCredential: nc.fullName,
        ...(endpoints[i] ? { endpoint: endpoints[i] } : {}),
      })),
      { fresh },
    );
    return results.map((r, i) => {
      const { id, title } = check(credentials[i]);
      const checked: VerifyCheck =
        r.reason === 'missing'
          ? { id, title, status: 'skip', detail: r.detail }
          : { id, title, status: r.status, detail: r.detail, ...(r.action ? { actions: [r.action] } : {}) };
      return { check: checked, reason: r.reason };
    });
  } catch (error) {
    // The org refused to run the check (e.g. no "Author Apex"): it could not run, which is not a pass.
    const detail = messages.getMessage('skip.CalloutRefused', [(error as Error).message]);
    return credentials.map((nc) => ({ check: { ...check(nc), status: 'skip' as const, detail } }));
  }
}
