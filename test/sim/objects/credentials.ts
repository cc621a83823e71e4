/*
 * NamedCredential as an sObject (SOQL `SELECT Id FROM NamedCredential WHERE DeveloperName = …`): read-only rows that
 * mirror the NamedCredential metadata components (rules/NamedCredential.ts keeps them in step). The Id is the one
 * the consent URL's startURL names.
 */
import type { ObjectDef } from '../records.js';

export const NamedCredentialObject: ObjectDef = {
  name: 'NamedCredential',
  keyPrefix: '0XA',
  apis: ['data', 'tooling'],
  createable: false,
  updateable: false,
  deletable: false,
  fields: [
    { name: 'DeveloperName', type: 'string', required: true, unique: true },
    { name: 'MasterLabel', type: 'string', required: true },
    { name: 'Endpoint', type: 'string' },
    { name: 'PrincipalType', type: 'picklist' },
  ],
};
