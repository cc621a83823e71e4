/*
 * Every --json result of the plugin's commands in the end-to-end tests is checked against the command's JSON
 * schema in schemas/ (generated from the exported result types): the contract CI scripts rely on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const validators = new Map<string, ValidateFunction>();

/** schemas/ names a command `eci-ringcentral-<name with - as __>.json`. */
function validatorFor(root: string, command: string): ValidateFunction {
  let v = validators.get(command);
  if (!v) {
    const file = join(root, 'schemas', `eci-ringcentral-${command.replace(/-/g, '__')}.json`);
    v = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    validators.set(command, v);
  }
  return v;
}

/** Throws when `json.result` of `sf eci ringcentral <command> --json` does not match the command's schema. */
export function assertResultMatchesSchema(root: string, args: readonly string[], json: unknown): void {
  if (args[0] !== 'eci' || args[1] !== 'ringcentral' || !args.includes('--json') || args.includes('--help')) return;
  const result = (json as { result?: unknown } | undefined)?.result;
  if (result === undefined) return; // an error: its shape is sf's own
  const validate = validatorFor(root, args[2]);
  if (!validate(result)) {
    throw new Error(
      `sf ${args.slice(0, 3).join(' ')} --json: the result does not match its schema: ${JSON.stringify(validate.errors, null, 1)}`,
    );
  }
}
