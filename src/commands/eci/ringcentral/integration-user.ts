import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag } from '../../../cli/flags.js';
import { throwIfKnownFailure } from '../../../cli/known-failures.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import { validateEmail, validateUsername } from '../../../cli/validate-users.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import type { AssignedPermissionSet } from '../../../steps/guest-user-permissions.js';
import { IntegrationUserStep } from '../../../steps/integration-user.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.integration-user');

export type IntegrationUserResult = {
  dryRun: boolean;
  username: string;
  /** Known once the user exists. */
  userId?: string;
  profile: string;
  permissionSets: AssignedPermissionSet[];
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class IntegrationUser extends SfCommand<IntegrationUserResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    username: Flags.string({
      summary: messages.getMessage('flags.username.summary'),
      description: messages.getMessage('flags.username.description'),
      required: true,
    }),
    email: Flags.string({
      summary: messages.getMessage('flags.email.summary'),
      description: messages.getMessage('flags.email.description'),
    }),
    'first-name': Flags.string({
      summary: messages.getMessage('flags.first-name.summary'),
    }),
    'last-name': Flags.string({
      summary: messages.getMessage('flags.last-name.summary'),
    }),
    'permission-set': Flags.string({
      summary: messages.getMessage('flags.permission-set.summary'),
      description: messages.getMessage('flags.permission-set.description'),
      multiple: true,
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<IntegrationUserResult> {
    const { flags } = await this.parse(IntegrationUser);
    const dryRun = flags['dry-run'];
    // Every input is checked before the first call to the org.
    const username = validateUsername(flags.username, 'username');
    const email = flags.email === undefined ? undefined : validateEmail(flags.email);
    const permissionSets = (flags['permission-set'] ?? []).map((s) => s.trim()).filter((s) => s.length > 0);

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const outcome = await IntegrationUserStep.execute(
      { username, email, firstName: flags['first-name']?.trim() || undefined, lastName: flags['last-name']?.trim() || undefined, permissionSets },
      ctx
    );

    const result: IntegrationUserResult = {
      dryRun,
      username: outcome.details.username,
      ...(outcome.details.userId ? { userId: outcome.details.userId } : {}),
      profile: outcome.details.profile,
      permissionSets: outcome.details.permissionSets,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun);
    throwIfKnownFailure(result);
    throwIfFailed(result);
    return result;
  }
}
