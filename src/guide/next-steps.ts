import { Messages } from '@salesforce/core';
import type { NextStep } from '../model/component.js';
import { ringCentralAppCreationUrl } from './ringcentral-app-link.js';
import { setupUrl } from './setup-urls.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'next-steps');

/** Where RingCentral developers manage their apps. */
export const RINGCENTRAL_CONSOLE_URL = 'https://developers.ringcentral.com/console/my-apps';

/** Guide "Add RingCentral as an Authorized Provider", steps 6-9: no API can set a RingCentral app's redirect URI. */
export function ringCentralRedirectUriStep(callbackUrl: string): NextStep {
  return {
    title: messages.getMessage('redirectUri.title'),
    url: RINGCENTRAL_CONSOLE_URL,
    detail: messages.getMessage('redirectUri.detail', [callbackUrl]),
  };
}

/** The API cannot change an auth provider's stored consumer secret: a new client id needs its secret entered in Setup. */
export function rotatedSecretStep(myDomainUrl: string, providerName: string): NextStep {
  return {
    title: messages.getMessage('rotatedSecret.title', [providerName]),
    url: setupUrl(myDomainUrl, 'AuthProviders'),
    detail: messages.getMessage('rotatedSecret.detail', [providerName]),
  };
}

/**
 * For an admin with no RingCentral app yet: the developer console accepts a pre-filled creation link with the
 * guide's six permissions and the redirect URI, so the app is right from the start.
 */
export function ringCentralAppCreationStep(callbackUrl: string): NextStep {
  return {
    title: messages.getMessage('createApp.title'),
    url: ringCentralAppCreationUrl({ name: 'Einstein Conversation Insights', redirectUri: callbackUrl }),
    detail: messages.getMessage('createApp.detail'),
  };
}

/** A named credential whose endpoint moved (sandbox → production) holds a token of the old platform. */
export function reauthorizeStep(label: string): NextStep {
  return {
    title: messages.getMessage('reauthorize.title', [label]),
    detail: messages.getMessage('reauthorize.detail'),
  };
}

/** New or changed OAuth apps take up to 10 minutes to work. */
export function propagationStep(): NextStep {
  return { title: messages.getMessage('propagation.title'), detail: messages.getMessage('propagation.detail') };
}
