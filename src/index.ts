export type { CreateAuthProviderResult } from './commands/eci/ringcentral/create-auth-provider.js';
export type { ComponentResult, FieldChange, NextStep } from './engine/types.js';
