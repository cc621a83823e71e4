import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import { optionalText, permissionSetNames } from '../../../cli/validate.js';
import { validateEmail, validateUsername } from '../../../cli/validate-users.js';
import type { AssignedPermissionSet } from '../../../steps/guest-user-permissions.js';
import { IntegrationUserStep, type IntegrationUserDetails } from '../../../steps/integration-user.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.integration-user');

export type IntegrationUserResult = StepCommandResult & {
  username: string;
  /** Known once the user exists. */
  userId?: string;
  profile: string;
  permissionSets: AssignedPermissionSet[];
};

export default class IntegrationUser extends StepCommand<IntegrationUserResult, IntegrationUserDetails> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
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
  };

  public async run(): Promise<IntegrationUserResult> {
    return this.runStep();
  }

  protected stepFromFlags(flags: FlagsOf<typeof IntegrationUser>) {
    return bindStep(IntegrationUserStep, {
      username: validateUsername(flags.username, 'username'),
      email: flags.email === undefined ? undefined : validateEmail(flags.email),
      firstName: optionalText(flags['first-name']),
      lastName: optionalText(flags['last-name']),
      permissionSets: permissionSetNames(flags['permission-set']),
    });
  }

  protected result({ details }: StepOutcome<IntegrationUserDetails>) {
    return {
      username: details.username,
      ...(details.userId ? { userId: details.userId } : {}),
      profile: details.profile,
      permissionSets: details.permissionSets,
    };
  }
}
