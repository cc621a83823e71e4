/* The only code that talks to RingCentral: the checks of an app's credentials and redirect URI, and the app link. */
export {
  checkRingCentralCredentials,
  checkRingCentralRedirectUri,
  retryAfterSeconds,
  type RingCentralCheckOptions,
  type RingCentralCheckReason,
  type RingCentralCheckResult,
  type RingCentralCheckStatus,
  type RingCentralCredentialsInput,
  type RingCentralRedirectUriInput,
} from './checks.js';
export { RINGCENTRAL_NEW_APP_URL, ringCentralAppCreationUrl } from './app-link.js';
