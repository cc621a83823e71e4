import { Messages } from '@salesforce/core';
import { ECI_CONSUMER_KEY_ENV, ECI_CONSUMER_SECRET } from '../model/secret.js';
import type { ComponentResult } from '../model/component.js';
import { ECI_CONNECTED_APP } from '../guide/eci-connected-app.js';
import { setupUrl } from '../guide/setup-urls.js';
import { credentialsProblem } from '../org/credentials.js';
import { SECRET_ACCESS_FIELD, SECRET_ACCESS_SETTING } from '../org/secret-access.js';
import type { SecretAccessReport } from './secret-access.js';
import type { StepContext } from './step.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'credentials');

/** The ECI auth provider planned, failed with this error: its words, what to do, the name a step command ends with. */
const failed = (planned: ComponentResult, error: NonNullable<ComponentResult['error']>): ComponentResult => ({
  ...planned,
  status: 'failed',
  error: { meaning: 'needs-action', ...error },
});

/** The way out that always works: the key and secret copied from Setup into the environment. */
const fromSetup = (): string =>
  messages.getMessage('action.FromSetup', [ECI_CONSUMER_KEY_ENV, ECI_CONSUMER_SECRET.envVar]);

/** The three ways out of a secret the org keeps from its REST API: the flag, the Setup toggle, the environment. */
function waysOut(ctx: StepContext): string[] {
  const page = setupUrl(ctx.facts.myDomainUrl, 'ExternalClientApplicationSettings');
  return [
    messages.getMessage('action.Flag', [SECRET_ACCESS_SETTING.label]),
    messages.getMessage('action.SetupToggle', [SECRET_ACCESS_SETTING.label, page]),
    fromSetup(),
  ];
}

/** Why the org refused the read, and what to do: it depends on whether the run could (and did) switch the setting. */
function refused(ctx: StepContext, cause: string, report?: SecretAccessReport): NonNullable<ComponentResult['error']> {
  const app = ECI_CONNECTED_APP.label;
  if (!ctx.secretAccess)
    return {
      name: 'CredentialsUnavailableError',
      message: messages.getMessage('error.SecretNotReadable', [
        app,
        SECRET_ACCESS_SETTING.label,
        SECRET_ACCESS_FIELD,
        cause,
      ]),
      actions: waysOut(ctx),
    };
  return {
    name: 'CredentialsUnavailableError',
    message: messages.getMessage(report?.turnedOn ? 'error.SecretRefusedWhileOn' : 'error.SecretRefused', [
      app,
      SECRET_ACCESS_SETTING.label,
      cause,
    ]),
    actions: [messages.getMessage('action.ViewClientSecret'), fromSetup()],
  };
}

/**
 * The ECI auth provider that could not be created because the app's key and secret could not be read: not listed
 * (yet: the app was made moments ago), kept from the REST API (the setting, a permission), the switch refused, or a
 * fault; each with its own words and ways out. Nothing is written for the provider.
 */
export function credentialsFailure(
  planned: ComponentResult,
  error: unknown,
  ctx: StepContext,
  report?: SecretAccessReport,
  connectedApp = false,
): ComponentResult {
  const cause = (error as Error | undefined)?.message ?? String(error);
  const app = ECI_CONNECTED_APP.fullName;
  switch (credentialsProblem(error)) {
    case 'not-listed':
      if (connectedApp)
        return failed(planned, {
          name: 'ConnectedAppSecretError',
          message: messages.getMessage('error.ConnectedAppSecret', [app]),
          actions: [
            messages.getMessage('action.FromConnectedAppSetup', [ECI_CONSUMER_KEY_ENV, ECI_CONSUMER_SECRET.envVar]),
          ],
        });
      return ctx.handoff.eciExternalClientAppCreated
        ? failed(planned, {
            name: 'AppNotListedYetError',
            message: messages.getMessage('error.AppNotListedYet', [app]),
            actions: [messages.getMessage('action.RunAgainLater'), fromSetup()],
          })
        : failed(planned, {
            name: 'AppNotListedError',
            message: messages.getMessage('error.AppNotListed', [app]),
            actions: messages.getMessages('error.AppNotListed.actions', [
              ECI_CONSUMER_KEY_ENV,
              ECI_CONSUMER_SECRET.envVar,
            ]),
          });
    case 'refused':
      return failed(planned, refused(ctx, cause, report));
    default:
      return failed(planned, {
        name:
          (error as Error | undefined)?.name === 'SwitchRefusedError'
            ? 'SwitchRefusedError'
            : 'CredentialsUnavailableError',
        message: messages.getMessage('error.CredentialsUnavailable', [ECI_CONNECTED_APP.label, cause]),
        actions: waysOut(ctx),
      });
  }
}
