/**
 * Every exit code the plugin's commands end with, in one table: each command's help lists its own (cli/help.ts), and
 * every module that ends a run with a code imports it from here.
 */
export const EXIT = {
  /** Everything asked for is done (or, in a dry run, planned). */
  success: 0,
  /** Bad input, a refused call or component, a failed verify check: nothing more is written. */
  failed: 1,
  /** Some of it worked, some did not: the result lists which; a re-run finishes (as `sf org assign permset`). */
  partial: 68,
  /** sysexits' EX_CONFIG: what the guide presumes is missing in the org; nothing written. */
  prerequisites: 78,
  /** Ctrl-C (128 + SIGINT): what was done is reported; a re-run finishes. */
  interrupted: 130,
  /** SIGTERM (128 + SIGTERM), how CI cancels a job: ends as Ctrl-C does. */
  terminated: 143,
} as const;

export type ExitName = keyof typeof EXIT;
