import { Messages } from '@salesforce/core';
import type { NextStep } from '../engine/types.js';

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
    url: `${myDomainUrl}/lightning/setup/AuthProviders/home`,
    detail: messages.getMessage('rotatedSecret.detail', [providerName]),
  };
}
