export type { CreateAuthProviderResult } from './commands/eci/ringcentral/create-auth-provider.js';
export type { ComponentResult, FieldChange, NextStep } from './model/component.js';
export type { SiteResult } from './commands/eci/ringcentral/site.js';
export type { GuestPermissionsResult } from './commands/eci/ringcentral/guest-permissions.js';
export type { IntegrationUserResult } from './commands/eci/ringcentral/integration-user.js';
export type { CreateNamedCredentialResult } from './commands/eci/ringcentral/create-named-credential.js';
export type { ConnectedAppResult } from './commands/eci/ringcentral/connected-app.js';
