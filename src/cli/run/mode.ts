import type { Org } from '@salesforce/core';

/** What the flags ask of a run: write, or only plan (and have Salesforce check it, or write it as source files). */
export type RunMode = { dryRun: boolean; validate: boolean; outputDir?: string; deploy: boolean };

export const runModeOf = (flags: {
  'dry-run'?: boolean;
  validate?: boolean;
  'output-dir'?: string;
  deploy?: boolean;
}): RunMode => ({
  dryRun: flags['dry-run'] ?? false,
  validate: flags.validate ?? false,
  ...(flags['output-dir'] !== undefined ? { outputDir: flags['output-dir'] } : {}),
  deploy: flags.deploy ?? false,
});

/** --validate is a dry run whose plan Salesforce checks; an export writes files, not the org, unless --deploy. */
export const writesNothing = (mode: RunMode): boolean =>
  mode.dryRun || mode.validate || (mode.outputDir !== undefined && !mode.deploy);

/** The org a run plans against: a connected one, or none (an export planned as against an empty org). */
export type RunTarget =
  | { kind: 'org'; org: Org; apiVersion?: string }
  | { kind: 'offline'; myDomain: string; siteContact: string; apiVersion: string };
