import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { dryRunFlag } from '../../../cli/flags.js';
import { throwIfKnownFailure } from '../../../cli/known-failures.js';
import { logOutcome, stepContextFor, throwIfFailed } from '../../../cli/step-command.js';
import type { ComponentResult, NextStep } from '../../../engine/types.js';
import { GuestUserPermissionsStep, type AssignedPermissionSet } from '../../../steps/guest-user-permissions.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'eci.ringcentral.guest-permissions');

export type GuestPermissionsResult = {
  dryRun: boolean;
  site: string;
  guestUser: { id: string; username: string; name: string };
  permissionSets: AssignedPermissionSet[];
  components: ComponentResult[];
  nextSteps: NextStep[];
};

export default class GuestPermissions extends SfCommand<GuestPermissionsResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'permission-set': Flags.string({
      summary: messages.getMessage('flags.permission-set.summary'),
      description: messages.getMessage('flags.permission-set.description'),
      multiple: true,
    }),
    'dry-run': dryRunFlag,
  };

  public async run(): Promise<GuestPermissionsResult> {
    const { flags } = await this.parse(GuestPermissions);
    const dryRun = flags['dry-run'];
    const permissionSets = (flags['permission-set'] ?? []).map((s) => s.trim()).filter((s) => s.length > 0);

    const ctx = await stepContextFor(this, { org: flags['target-org'], apiVersion: flags['api-version'], dryRun });
    const outcome = await GuestUserPermissionsStep.execute({ permissionSets }, ctx);

    const result: GuestPermissionsResult = {
      dryRun,
      site: 'VoiceConnector',
      guestUser: outcome.details.guestUser,
      permissionSets: outcome.details.permissionSets,
      components: outcome.components,
      nextSteps: outcome.nextSteps,
    };
    logOutcome(this, outcome, dryRun, [messages.getMessage('info.GuestUser', [result.guestUser.name, result.guestUser.username])]);
    throwIfKnownFailure(result);
    throwIfFailed(result);
    return result;
  }
}
