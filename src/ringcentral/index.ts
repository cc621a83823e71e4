/* The only code that talks to RingCentral: the checks of an app's credentials and redirect URI. */
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
