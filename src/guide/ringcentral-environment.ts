/** Where a RingCentral app lives. The guide knows sandbox and production; other brands have their own server. */
export type RingCentralEnvironment = 'production' | 'sandbox';

export const RINGCENTRAL_SERVERS: Readonly<Record<RingCentralEnvironment, string>> = {
  production: 'https://platform.ringcentral.com',
  // Being retired by RingCentral: new apps get production credentials since March 2024.
  sandbox: 'https://platform.devtest.ringcentral.com',
};

/** The RingCentral platform a configuration talks to: a named environment or a brand's own server. */
export type RingCentralPlatform = {
  environment: RingCentralEnvironment | 'custom';
  /** Origin without a trailing slash, e.g. `https://platform.ringcentral.com`. */
  server: string;
};

export function ringCentralPlatform(environment: RingCentralEnvironment, server?: string): RingCentralPlatform {
  if (server) return { environment: 'custom', server: new URL(server).origin };
  return { environment, server: RINGCENTRAL_SERVERS[environment] };
}

/** The platform an existing auth provider points at, from its token URL: production, sandbox or a brand's server. */
export function platformOfTokenUrl(tokenUrl: unknown): RingCentralPlatform | undefined {
  if (typeof tokenUrl !== 'string' || !tokenUrl) return undefined;
  let origin: string;
  try {
    origin = new URL(tokenUrl).origin;
  } catch {
    return undefined;
  }
  if (origin === RINGCENTRAL_SERVERS.production) return ringCentralPlatform('production');
  if (origin === RINGCENTRAL_SERVERS.sandbox) return ringCentralPlatform('sandbox');
  return { environment: 'custom', server: origin };
}

/** The OAuth endpoints of the guide's RingCentral auth provider, on a platform. */
export function ringCentralOAuthEndpoints(platform: RingCentralPlatform): {
  authorizeUrl: string;
  tokenUrl: string;
  userInfoUrl: string;
} {
  return {
    authorizeUrl: `${platform.server}/restapi/oauth/authorize`,
    tokenUrl: `${platform.server}/restapi/oauth/token`,
    userInfoUrl: `${platform.server}/restapi/oauth/userinfo`,
  };
}

/** The permissions the guide's RingCentral app needs, by their API names. */
export const RINGCENTRAL_APP_PERMISSIONS = [
  'CallControl',
  'ReadAccounts',
  'ReadCallLog',
  'ReadCallRecording',
  'ReadMessages',
  'SubscriptionWebhook',
] as const;
