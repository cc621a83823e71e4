/**
 * Every exit code the plugin's commands end with (the README's table says the same): 0 success; 1 bad input, a
 * refused call or component, a failed verify check; 68 partial success; 78 a prerequisite of the guide is missing
 * (nothing written); 130 Ctrl-C.
 */
import { INTERRUPTED_EXIT_CODE } from '../org/org-access.js';

export { INTERRUPTED_EXIT_CODE };

/** Salesforce's exit code for "some of it worked" (as `sf org assign permset` uses it). */
export const PARTIAL_SUCCESS_EXIT_CODE = 68;

/** sysexits' EX_CONFIG: what the guide presumes is missing in the org (the checklist says what to do); nothing written. */
export const PREREQUISITES_EXIT_CODE = 78;
