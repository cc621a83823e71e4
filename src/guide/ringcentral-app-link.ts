import { RINGCENTRAL_APP_PERMISSIONS } from './ringcentral-environment.js';

/** RingCentral's developer console page that creates an app from a pre-filled form. */
export const RINGCENTRAL_NEW_APP_URL = 'https://developers.ringcentral.com/new-app';

/**
 * The developer-console link that creates the guide's RingCentral app: a public server-side web app with the six
 * permissions and Salesforce's callback as its OAuth Redirect URI. There is no API to create an app; a person opens
 * this link, logs in and confirms.
 */
export function ringCentralAppCreationUrl({ name, redirectUri }: { name: string; redirectUri: string }): string {
  const query = [
    `name=${encodeURIComponent(name)}`,
    'public=true',
    'type=ServerWeb',
    `permissions=${RINGCENTRAL_APP_PERMISSIONS.join(',')}`,
    `redirectUri=${encodeURIComponent(redirectUri)}`,
  ];
  return `${RINGCENTRAL_NEW_APP_URL}?${query.join('&')}`;
}
