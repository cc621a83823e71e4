import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { RINGCENTRAL_AUTH_PROVIDER } from '../guide/ringcentral-auth-provider.js';
import { platformOfTokenUrl, ringCentralPlatform, type RingCentralEnvironment, type RingCentralPlatform } from '../guide/ringcentral-environment.js';
import type { CurrentState } from '../engine/types.js';
import type { OrgAccess } from '../org/org-access.js';
import { validateServerUrl } from './validate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const shared = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');

/** The flags several commands share, defined once so that they read and behave the same everywhere. */
export const dryRunFlag = Flags.boolean({
  summary: shared.getMessage('flags.dry-run.summary'),
  default: false,
});

// The return type is oclif's inferred flag type (annotating it widens the parsed value).
export const clientIdFlag = (options: { required: boolean }) =>
  Flags.string({
    summary: shared.getMessage('flags.client-id.summary'),
    description: shared.getMessage('flags.client-id.description'),
    required: options.required,
  });

export const clientSecretStdinFlag = Flags.boolean({
  summary: shared.getMessage('flags.client-secret-stdin.summary'),
  description: shared.getMessage('flags.client-secret-stdin.description'),
  default: false,
});

/** --environment and --server: where the RingCentral app lives (one or the other). */
export const ringCentralPlatformFlags = {
  environment: Flags.option({
    summary: shared.getMessage('flags.environment.summary'),
    description: shared.getMessage('flags.environment.description'),
    options: ['production', 'sandbox'] as const,
    exclusive: ['server'],
  })(),
  server: Flags.string({
    summary: shared.getMessage('flags.server.summary'),
    description: shared.getMessage('flags.server.description'),
    exclusive: ['environment'],
  }),
};

/** The RingCentral platform the flags name, with the server checked; undefined when neither flag is given. */
export function platformFromFlags(flags: { environment?: RingCentralEnvironment; server?: string }): RingCentralPlatform | undefined {
  if (flags.server) return ringCentralPlatform('production', validateServerUrl(flags.server));
  return flags.environment ? ringCentralPlatform(flags.environment) : undefined;
}

/** The org's RingCentral auth provider as it is now. */
export async function readRingCentralAuthProvider(org: OrgAccess): Promise<CurrentState> {
  const [provider] = await org.readMetadata([
    { kind: 'metadata', type: 'AuthProvider', fullName: RINGCENTRAL_AUTH_PROVIDER.fullName, label: RINGCENTRAL_AUTH_PROVIDER.friendlyName, fields: {} },
  ]);
  return provider;
}

/**
 * The platform to configure: the one the flags name; without flags, the one the org's RingCentral auth provider
 * already points at, so a re-run never moves a sandbox or another brand's setup to production behind the admin's
 * back (moving is the guide's "graduate" task, asked for with --environment); production for a new setup.
 * Warns when it is the sandbox RingCentral is retiring.
 */
export async function resolveRingCentralPlatform(
  fromFlags: RingCentralPlatform | undefined,
  org: OrgAccess,
  warn: (message: string) => unknown,
  /** The auth provider as already read by the caller, so it is not read twice. */
  current?: CurrentState
): Promise<RingCentralPlatform> {
  let platform = fromFlags;
  if (!platform) {
    const provider = current ?? (await readRingCentralAuthProvider(org));
    platform = (provider.exists ? platformOfTokenUrl(provider.fields.tokenUrl) : undefined) ?? ringCentralPlatform('production');
  }
  if (platform.environment === 'sandbox') warn(shared.getMessage('warning.Sandbox'));
  return platform;
}
