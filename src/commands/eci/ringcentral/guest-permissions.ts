import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { StepCommand, type FlagsOf, type StepCommandResult } from '../../../cli/step-command.js';
import { permissionSetNames } from '../../../cli/validate.js';
import { VOICE_CONNECTOR_SITE } from '../../../guide/voice-connector-site.js';
import {
  GuestUserPermissionsStep,
  type AssignedPermissionSet,
  type GuestUserPermissionsDetails,
} from '../../../steps/guest-user-permissions.js';
import { bindStep, type StepOutcome } from '../../../steps/step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.guest-permissions');

export type GuestPermissionsResult = StepCommandResult & {
  site: string;
  guestUser: { id: string; username: string; name: string };
  permissionSets: AssignedPermissionSet[];
};

export default class GuestPermissions extends StepCommand<GuestPermissionsResult, GuestUserPermissionsDetails> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'permission-set': Flags.string({
      summary: messages.getMessage('flags.permission-set.summary'),
      description: messages.getMessage('flags.permission-set.description'),
      multiple: true,
    }),
  };

  public async run(): Promise<GuestPermissionsResult> {
    return this.runStep();
  }

  protected stepFromFlags(flags: FlagsOf<typeof GuestPermissions>) {
    return bindStep(GuestUserPermissionsStep, { permissionSets: permissionSetNames(flags['permission-set']) });
  }

  protected result({ details }: StepOutcome<GuestUserPermissionsDetails>) {
    return { site: VOICE_CONNECTOR_SITE.name, guestUser: details.guestUser, permissionSets: details.permissionSets };
  }

  protected override lines(result: GuestPermissionsResult): string[] {
    return [messages.getMessage('info.GuestUser', [result.guestUser.name, result.guestUser.username])];
  }
}
