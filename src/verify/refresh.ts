/*
 * A refreshed sandbox: a copy of production (or of another sandbox) whose ECI setup points elsewhere. Its signs:
 *  - the ECI app is missing while its auth provider exists (local External Client Apps are not copied, or not usably);
 *  - the ECI auth provider's endpoints or the ECI named credential's URL are on another org's My Domain;
 *  - the ECI auth provider holds a consumer key the app does not have (the app's consumer is the copy's own);
 *  - neither named credential holds a token (none survives a refresh).
 * One alone can have other causes (a configure that stopped half way, a consent never given); the first three with
 * the last, or another org's My Domain at all, is a refresh.
 */
import { Messages } from '@salesforce/core';
import type { NextStep } from '../model/component.js';
import type { Secret } from '../model/secret.js';
import { ECI_AUTH_PROVIDER } from '../guide/eci-auth-provider.js';
import { ECI_NAMED_CREDENTIAL } from '../guide/named-credentials.js';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { setupUrl } from '../guide/setup-urls.js';
import type { StepReport } from '../steps/run-steps.js';
import type { PersonStepId } from './person-steps.js';
import type { VerifyFacts } from './discover.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'verify');

export type RefreshSign = 'app-missing' | 'other-my-domain' | 'key-unknown' | 'no-tokens';

/** What verify found of a refresh: each sign, in words. */
export type RefreshFinding = { signs: RefreshSign[]; otherMyDomain?: string; line: string };

const originOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
};

/** The first of these URLs that is on another origin than this org's My Domain. */
function otherOrigin(values: readonly unknown[], myDomainUrl: string): string | undefined {
  const own = originOf(myDomainUrl);
  return values.map(originOf).find((o) => o !== undefined && o !== own);
}

export type RefreshInput = {
  facts: VerifyFacts;
  myDomainUrl: string;
  /** The app's consumer key, when the org says it. */
  appKey?: Secret;
  /** Whether each guide named credential's callout was refused for want of a token. */
  tokensMissing: boolean;
};

/** The signs of a refresh verify sees, and whether they add up to one (undefined: they do not). */
export function recogniseRefresh(input: RefreshInput): RefreshFinding | undefined {
  const { facts, myDomainUrl } = input;
  const provider = facts.eciAuthProvider;
  const app = facts.connectedApp ?? facts.externalClientApp;
  const other = otherOrigin(
    [provider?.authorizeUrl, provider?.tokenUrl, facts.eciNamedCredential?.endpoint],
    myDomainUrl,
  );
  const signs: RefreshSign[] = [
    ...(provider && !app ? (['app-missing'] as const) : []),
    ...(other ? (['other-my-domain'] as const) : []),
    ...(provider && app && input.appKey && !input.appKey.matches(provider.consumerKey)
      ? (['key-unknown'] as const)
      : []),
    ...(input.tokensMissing ? (['no-tokens'] as const) : []),
  ];
  const refreshed =
    signs.includes('other-my-domain') ||
    (signs.includes('no-tokens') && (signs.includes('app-missing') || signs.includes('key-unknown')));
  if (!refreshed) return undefined;
  const words = signs.map((s) => messages.getMessage(`refresh.${s}`, s === 'other-my-domain' ? [other!] : []));
  return {
    signs,
    ...(other ? { otherMyDomain: other } : {}),
    line: messages.getMessage('refresh.Line', [words.join('; ')]),
  };
}

/**
 * Configure's view, from its plan: the ECI named credential's URL or the ECI auth provider's endpoints were on another
 * org's My Domain before this run moved them here. The origin they were on, or undefined.
 */
export function refreshedFrom(reports: readonly StepReport[], myDomainUrl: string): string | undefined {
  const moved = reports
    .filter((r) => r.id === 'eci-named-credential' || r.id === 'eci-auth-provider')
    .flatMap((r) => r.components)
    .filter((c) => c.name === ECI_NAMED_CREDENTIAL.fullName || c.name === ECI_AUTH_PROVIDER.fullName)
    .flatMap((c) => c.changes.filter((ch) => ['endpoint', 'authorizeUrl', 'tokenUrl'].includes(ch.field)))
    .map((ch) => ch.current);
  return otherOrigin(moved, myDomainUrl);
}

/**
 * What a refresh leaves to a person besides the consents: the RingCentral client secret entered again (no auth
 * provider secret is usable after a refresh). Placed before the consents, which need it.
 */
export function withRefreshSteps(
  entries: ReadonlyArray<NextStep & { id: PersonStepId }>,
  myDomainUrl: string,
): Array<NextStep & { id: PersonStepId }> {
  const step: NextStep & { id: PersonStepId } = {
    id: 'other',
    title: messages.getMessage('refresh.secretTitle', [RINGCENTRAL_AUTH_PROVIDER.friendlyName]),
    url: setupUrl(myDomainUrl, 'AuthProviders'),
    detail: messages.getMessage('refresh.secretDetail', [RINGCENTRAL_AUTH_PROVIDER.friendlyName]),
  };
  const at = entries.findIndex((e) => e.id.startsWith('consent:'));
  return at < 0 ? [...entries, step] : [...entries.slice(0, at), step, ...entries.slice(at)];
}
