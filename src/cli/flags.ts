import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import {
  ringCentralPlatform,
  type RingCentralEnvironment,
  type RingCentralPlatform,
} from '../guide/ringcentral-environment.js';
import { validateServerUrl } from './validate.js';
import { PROVIDERS } from './validate-credentials.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const shared = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'shared');
const exportBundle = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'export');
const validateMessages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

/** The flags several commands share, defined once so that they read and behave the same everywhere. */
export const orgFlags = {
  'target-org': Flags.requiredOrg(),
  'api-version': Flags.orgApiVersion(),
};

export const dryRunFlag = Flags.boolean({
  summary: shared.getMessage('flags.dry-run.summary'),
  default: false,
});

/**
 * --force and --no-prompt: the consent gate of a run that would change what exists (run/consent.ts): in a terminal
 * it asks; with --no-prompt, --json or no terminal only --force gives the yes.
 */
export const consentFlags = {
  force: Flags.boolean({
    summary: shared.getMessage('flags.force.summary'),
    description: shared.getMessage('flags.force.description'),
    default: false,
  }),
  'no-prompt': Flags.boolean({ summary: shared.getMessage('flags.no-prompt.summary'), default: false }),
};

/** --output-dir and --deploy: the plan as a source-format project (cli/export.ts), and whether to apply it too. */
export const exportFlags = {
  'output-dir': Flags.directory({
    summary: exportBundle.getMessage('flags.output-dir.summary'),
    description: exportBundle.getMessage('flags.output-dir.description'),
  }),
  // No default: oclif counts a default as given, and dependsOn would then refuse every run without --output-dir.
  deploy: Flags.boolean({
    summary: exportBundle.getMessage('flags.deploy.summary'),
    dependsOn: ['output-dir'],
    exclusive: ['dry-run', 'validate'],
  }),
};
/** --validate: a dry run whose plan Salesforce checks with a check-only deploy; nothing is saved. */
export const validateFlag = Flags.boolean({
  summary: validateMessages.getMessage('flags.validate.summary'),
  description: validateMessages.getMessage('flags.validate.description'),
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

/** --environment and --server (one or the other), with a command's own summaries (verify: what must be). */
export const platformFlagsWith = (summaries: { environment: string; server: string }) => ({
  environment: Flags.option({
    summary: summaries.environment,
    description: shared.getMessage('flags.environment.description'),
    options: ['production', 'sandbox'] as const,
    exclusive: ['server'],
  })(),
  server: Flags.string({
    summary: summaries.server,
    description: shared.getMessage('flags.server.description'),
    exclusive: ['environment'],
  }),
});

/** --environment and --server: where the RingCentral app lives. */
export const ringCentralPlatformFlags = platformFlagsWith({
  environment: shared.getMessage('flags.environment.summary'),
  server: shared.getMessage('flags.server.summary'),
});

/** The RingCentral platform the flags name, with the server checked; undefined when neither flag is given. */
export function platformFromFlags(flags: {
  environment?: RingCentralEnvironment;
  server?: string;
}): RingCentralPlatform | undefined {
  if (flags.server) return ringCentralPlatform('production', validateServerUrl(flags.server));
  return flags.environment ? ringCentralPlatform(flags.environment) : undefined;
}

/**
 * --provider: which of the guide's two providers a command is about. A plain string, checked in code
 * (validateProvider), so that a wrong value ends in an SfError with an action.
 */
export const providerFlag = (bundle: { getMessage(key: string): string }) =>
  Flags.string({
    summary: bundle.getMessage('flags.provider.summary'),
    description: bundle.getMessage('flags.provider.description'),
    default: 'ringcentral',
    helpValue: PROVIDERS.join('|'),
  });
